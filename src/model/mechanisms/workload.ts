/**
 * The week's workload of community staff and departments, and how they
 * spend the hours they have.
 *
 * A team can work capacity × efficiency hours this week, efficiency falling
 * with fatigue accumulated from load above 1 (overload cascades). Routine
 * work (residents' committee duties, other line work) takes `routineLoad` of
 * those hours whatever else is asked; renewal work gets the rest. Renewal
 * demand is of two kinds:
 *
 * - assessed work: what the street checks — reports to audits, paperwork
 *   (文字工作: weekly lists and work plans, and the implementation plan each
 *   department writes for a project of its own before it can dock),
 *   preparation pushed down by departments, meetings and visits already
 *   called, and the carried-over backlog of these;
 * - coordination: docking threads and the coordination of works on site —
 *   the part that turns into implementation.
 *
 * A department writes its implementation plans before its other assessed
 * work: of the assessed hours it serves this week, its plans not yet written
 * take what they ask (what is left of each), shared among them in proportion,
 * and the rest goes to paperwork, reports, meetings and backlog. So a plan is
 * finished even in a department that stays overloaded. (Were the plans to get
 * only their proportional share of the hours served, like any other assessed
 * work, a plan would shrink by that share each week and be done only in a
 * week the department served all of its assessed work: a department kept
 * overloaded by its other paperwork would never finish one.)
 *
 * When renewal demand exceeds the renewal hours, assessed work and
 * coordination get the same share of their demand. Departments set their own
 * schedules and triage: within their coordination share they supervise works
 * under way before taking up docking and their own preparation — they finish
 * what they have started. Community staff answer to every department at once
 * (压力向下传导) and cannot set priorities: every task gets the same share. The
 * share of works served gates works this week; the staff's share of docking
 * served gates the docking threads and is the attention they give reviews, a
 * department's is the attention it gives its check before first spending. So pressure does not stop
 * effort — reports are written, forms filled — but the work pushed down
 * crowds out the work that implements (悬浮, 空转). Overloaded teams do not
 * collapse: started works go on; what cannot be done of the assessed work
 * carries over in part and lapses in part; coordination is asked again next
 * week by the projects still waiting, so it does not pile up.
 *
 * Load = (routine + assessed + coordination demand) ÷ capacity, for staff and
 * for departments alike.
 */
import type { RandomSource } from '../../core/index.js';
import { isInPipeline } from '../project-status.js';
import type { Project, SimulationState } from '../state.js';
import { pushdownShare } from './audits.js';
import { awaitsPooling } from './projects.js';

/** Efficiency of a team with the given fatigue: 1 / (1 + steepness · fatigue). */
export function efficiencyFromFatigue(fatigue: number, steepness: number): number {
  return 1 / (1 + steepness * fatigue);
}

function openThreads(project: { threads: ReadonlyArray<{ confirmed: boolean }> }): number {
  let open = 0;
  for (const thread of project.threads) if (!thread.confirmed) open++;
  return open;
}

/** How a team's renewal hours are spent this week: the share met of each kind of renewal work. */
export interface RenewalService {
  assessedRatio: number;
  worksRatio: number;
  dockingRatio: number;
  doneHours: number;
}

/**
 * Serves renewal demand from `renewalHours`: assessed work and coordination
 * share the hours in proportion to their demand. A team that sets its own
 * schedule (`triages`) serves works under way before docking threads within
 * its coordination share — it finishes what it has started; a team that
 * answers to many (community staff, taking work from every department)
 * serves every task the same share. Each ratio is 1 with no demand.
 * @example serveRenewal(10, 10, 5, 5, true) // assessed 0.5, works 1, docking 0
 * @example serveRenewal(10, 10, 5, 5, false) // assessed 0.5, works 0.5, docking 0.5
 */
export function serveRenewal(
  renewalHours: number,
  assessed: number,
  works: number,
  docking: number,
  triages: boolean,
): RenewalService {
  const demand = assessed + works + docking;
  const share = demand > 0 ? Math.min(1, Math.max(0, renewalHours) / demand) : 1;
  if (!triages) return { assessedRatio: share, worksRatio: share, dockingRatio: share, doneHours: share * demand };
  const coordinationHours = share * (works + docking);
  const worksHours = Math.min(works, coordinationHours);
  const dockingHours = coordinationHours - worksHours;
  return {
    assessedRatio: share,
    worksRatio: works > 0 ? worksHours / works : 1,
    dockingRatio: docking > 0 ? Math.min(1, dockingHours / docking) : 1,
    doneHours: share * demand,
  };
}

export function computeWorkload(state: SimulationState, _random: RandomSource): void {
  const { staff: staffParameters, departments: departmentParameters, docking, pressure } = state.scenario.parameters;
  const departmentCapacity = state.scenario.world.departmentHoursPerWeek;
  const communityCount = state.staff.length;
  const departmentCount = state.departments.length;
  const paused = state.mode.renewal === 'paused';

  const staffAssessed = new Float64Array(communityCount);
  const staffCoordination = new Float64Array(communityCount);
  const staffWorks = new Float64Array(communityCount);
  const departmentWorks = new Float64Array(departmentCount);
  const departmentPaperwork = new Float64Array(departmentCount);
  const departmentCoordination = new Float64Array(departmentCount);
  const shares = state.departments.map((department) => pushdownShare(state, department.pressure));
  const planWriting: Project[] = [];
  // Implementation-plan hours asked this week: they stay asked by the plan until written, so they never carry as backlog.
  const departmentPlanHours = new Float64Array(departmentCount);

  // The pause freezes all renewal work, paperwork included.
  if (!paused) {
    for (const project of state.projects) {
      const status = project.status;
      if (status === 'done' || status === 'cancelled') continue;
      // Paperwork and preparation per interface: each department separately, or once under the plan's one interface
      // (the first `interfaceCount` of its departments).
      const interfaceCount = project.integrated ? Math.min(1, project.departments.length) : project.departments.length;
      // A department reports on the projects it holds: its own catalogue's, and those of a plan it has taken up.
      // Projects queued in a plan are the coordinator's, written up once in the plan itself.
      const held = !project.integrated || isInPipeline(status);
      for (let index = 0; held && index < interfaceCount; index++) {
        const department = project.departments[index] as number;
        departmentPaperwork[department] =
          (departmentPaperwork[department] as number) +
          departmentParameters.paperworkHoursPerProject * (1 + (state.departments[department]?.pressure ?? 0));
      }
      // Implementation plans are the departments' own paperwork (实施方案), written before a project docks; none is
      // written for a project waiting to be pooled into the plan, which will be its document.
      if (status === 'listed' && !awaitsPooling(state, project)) {
        const planHours = project.implementationPlanHoursLeft;
        for (let index = 0; index < planHours.length; index++) {
          const hours = planHours[index] as number;
          if (hours <= 0) continue;
          const department = project.departments[index] as number;
          departmentPaperwork[department] = (departmentPaperwork[department] as number) + hours;
          departmentPlanHours[department] = (departmentPlanHours[department] as number) + hours;
          planWriting.push(project);
        }
      }
      if (!isInPipeline(status)) continue;
      for (let index = 0; index < interfaceCount; index++) {
        const department = project.departments[index] as number;
        const pushed = shares[department] as number;
        staffAssessed[project.community] =
          (staffAssessed[project.community] as number) + pressure.preparationHoursPerProject * pushed;
        departmentCoordination[department] =
          (departmentCoordination[department] as number) + pressure.preparationHoursPerProject * (1 - pushed);
      }
      if (status === 'docking') {
        // Staff deal with each department's thread separately, or with the plan's one interface.
        const staffChannels = project.integrated ? Math.min(1, openThreads(project)) : openThreads(project);
        staffCoordination[project.community] =
          (staffCoordination[project.community] as number) + docking.staffHoursPerThreadWeek * staffChannels;
        for (const thread of project.threads) {
          if (thread.confirmed) continue;
          departmentCoordination[thread.department] =
            (departmentCoordination[thread.department] as number) + docking.departmentHoursPerThreadWeek;
        }
      } else {
        const lead = project.departments[0] as number;
        staffWorks[project.community] = (staffWorks[project.community] as number) + staffParameters.hoursPerWorksWeek;
        departmentWorks[lead] = (departmentWorks[lead] as number) + departmentParameters.supervisionHoursPerProject;
      }
    }
  }

  for (const team of state.staff) {
    const routine = staffParameters.routineLoad * team.capacityHours;
    // While renewal is paused, carried-over work waits: it is neither done nor dropped.
    const carried = paused ? 0 : team.backlogHours;
    const assessed = (staffAssessed[team.community] as number) + (state.extraHours.staff[team.community] as number) + carried;
    const works = staffWorks[team.community] as number;
    const docking = staffCoordination[team.community] as number;
    const workable = team.capacityHours * efficiencyFromFatigue(team.fatigue, staffParameters.fatigueSteepness);
    const service = serveRenewal(workable * (1 - staffParameters.routineLoad), assessed, works, docking, false);
    team.demandHours = routine + assessed + works + docking;
    team.renewalDemandHours = assessed + works + docking;
    team.renewalDoneHours = service.doneHours;
    team.serviceRatio = service.dockingRatio;
    team.worksServiceRatio = service.worksRatio;
    team.load = team.demandHours / team.capacityHours;
    if (!paused) team.backlogHours = staffParameters.backlogCarryShare * assessed * (1 - service.assessedRatio);
    team.fatigue =
      staffParameters.fatigueMemory * team.fatigue + (1 - staffParameters.fatigueMemory) * Math.max(0, team.load - 1);
    state.runTally.renewalHours += service.doneHours;
  }

  // The share of each department's plan hours written this week.
  const planShareWritten = new Float64Array(departmentCount);
  for (const department of state.departments) {
    const id = department.id;
    const routine = departmentParameters.routineLoad * departmentCapacity;
    const carried = paused ? 0 : department.backlogHours;
    const paperwork = departmentPaperwork[id] as number;
    const assessed = paperwork + (state.extraHours.department[id] as number) + carried;
    const works = departmentWorks[id] as number;
    const docking = departmentCoordination[id] as number;
    const service = serveRenewal(departmentCapacity * (1 - departmentParameters.routineLoad), assessed, works, docking, true);
    // Plans are written first. The other assessed work gets the rest of the hours served: its proportional share,
    // less what the plans took beyond theirs; what it does not get carries over in part.
    const planHours = departmentPlanHours[id] as number;
    const planHoursWritten = Math.min(planHours, service.assessedRatio * assessed);
    planShareWritten[id] = planHours > 0 ? planHoursWritten / planHours : 1;
    const planHoursBeyondShare = planHoursWritten - service.assessedRatio * planHours;
    // Written as the carry-over before plans came first plus a term that is 0 without plans, so that a department
    // with no plan to write carries over the very same bits.
    const carry = departmentParameters.backlogCarryShare;
    if (!paused)
      department.backlogHours = Math.max(
        0,
        carry * (assessed - planHours) * (1 - service.assessedRatio) + carry * planHoursBeyondShare,
      );
    department.paperworkHours = paperwork;
    department.demandHours = routine + assessed + works + docking;
    department.serviceRatio = service.dockingRatio;
    department.worksServiceRatio = service.worksRatio;
    state.runTally.renewalHours += service.doneHours;
  }

  // Each plan not yet written gets its department's share of plan hours written this week.
  for (const project of new Set(planWriting)) {
    project.implementationPlanHoursLeft.forEach((hours, index) => {
      const left = hours * (1 - (planShareWritten[project.departments[index] as number] as number));
      project.implementationPlanHoursLeft[index] = left < 1e-9 ? 0 : left;
    });
  }
}
