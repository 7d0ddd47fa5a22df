/**
 * The terms a case report uses, explained for a reader new to simulation
 * studies: how the runs are paired, what the intervals and the facts table
 * mean, and the paper's own words for the modes and their troubles.
 */

export interface GlossaryEntry {
  /** The anchor of the entry in the HTML page (`#term-<id>`). */
  id: string;
  term: string;
  definition: string;
  /**
   * The supplement whose tables use the term (the robustness table, or a sensitivity table by its method); the report
   * lists it only when that supplement is included.
   */
  supplement?: 'robustness' | 'morris' | 'sobol' | 'prcc';
}

/** The report's terms, in the order a reader meets them. */
export const glossary: readonly GlossaryEntry[] = [
  {
    id: 'replicate',
    term: 'replicate',
    definition:
      'One run of a scenario from one random seed: its own households, needs, projects and chance events. The report runs many replicates of every scenario and reads what holds across them, not what one run happened to do.',
  },
  {
    id: 'paired-replicates',
    term: 'paired replicates, common random numbers',
    definition:
      'Replicate r of every scenario starts from the same seed: the same world and the same random draws (common random numbers). So a difference between two scenarios within a replicate comes from their mechanisms, not from luck, and comparisons are made within each replicate and then averaged.',
  },
  {
    id: 'counterfactual',
    term: 'counterfactual',
    definition:
      'A scenario that runs the same world as the case with its course of modes or mechanisms changed (for example, never switching away from administrative-led renewal, or switching on participation alone) to show what that change does.',
  },
  {
    id: 'paired-difference',
    term: 'paired difference, 95% interval',
    definition:
      'The mean over replicates of (one scenario − the other) within each replicate, with a 95% t interval: mean ± t × standard deviation ÷ √(replicates). An interval that excludes zero gives the direction clearly; one that includes zero does not.',
  },
  {
    id: 'no-clear-difference',
    term: 'no clear difference, too small to show',
    definition:
      'How a caption reads a paired difference whose interval includes zero (no clear difference), or whose whole interval is smaller than the least difference worth reading for that quantity (too small to show). Either way the caption does not make the claim.',
  },
  {
    id: 'band',
    term: 'mean line, 5–95% band',
    definition:
      'In the charts, the line is the mean over replicates each week; the band runs from the 5th to the 95th percentile, so nine replicates in ten lie inside it. Where bands overlap, the dashed outlines tell them apart.',
  },
  {
    id: 'window-mean',
    term: 'window mean',
    definition:
      'A replicate’s average of a weekly measure over a range of weeks (say, weeks 1–17). The captions compare window means between lines, replicate by replicate.',
  },
  {
    id: 'stylized-fact',
    term: 'stylized fact',
    definition:
      'A pattern the case’s source describes in words (for Z Street, the paper), written as checks on the model’s outputs: for example, “peak staff load before the consultation exceeds 1”. A fact holds in a replicate when all its checks do.',
  },
  {
    id: 'holds-in',
    term: 'holds in, needed',
    definition:
      '“Holds in” is the share of replicates in which every check of a fact holds, counted over the replicates on which the fact applies. “Needed” is the share it must reach to count as reproduced: 90% unless the fact says otherwise. The share itself is compared, not its interval’s lower end.',
  },
  {
    id: 'wilson',
    term: 'Wilson interval',
    definition:
      'A 95% interval for a share (such as 87% of 200 replicates). Unlike share ± 2 standard errors, it stays within 0–100% and behaves well near 0% and 100%.',
  },
  {
    id: 'status',
    term: 'reproduced, not reproduced, not applicable (holds, falls short)',
    definition:
      'A fact is reproduced (`govsim validate` says “holds”) when its holds-in share reaches the share needed, and not reproduced (“falls short”) when it does not. Not reproduced is a finding about the model, explained with the fact, not a failure of the program. Not applicable: the fact could be decided on too few replicates to say either.',
  },
  {
    id: 'milestone',
    term: 'milestone',
    definition:
      'An event of a run by which a fact places its window of weeks, rather than by fixed week numbers: the first change of mode (on the case path, the expert consultation), the first plan adopted, the start of implementation. So “before the consultation” moves with the scenario’s events; a replicate that never reaches the milestone leaves the fact not applicable there.',
  },
  {
    id: 'not-applicable',
    term: 'n/a',
    definition:
      'Replicates on which a measure of the fact is undefined (a milestone never reached, a share of nothing). They are left out of the share and counted apart. A fact that applies on fewer than its minimum share of replicates (half, unless it says otherwise) is not applicable.',
  },
  {
    id: 'mean-margin',
    term: 'mean margin',
    definition:
      'Each replicate’s distance from the bound a check sets, signed so that positive is the claimed direction (for “A exceeds B”, A − B; for “A is at least twice B”, A − 2B; for “A exceeds B by 0.1”, A − B − 0.1; for “A is below one half”, 0.5 − A), averaged over replicates, with its 95% interval: how far the check holds, not only how often. It is in the unit of what the check compares, given after it (a load, hours, weeks, a count of projects, a share, satisfaction per unit of money), so the margins of two checks are not comparable with each other; their effect sizes are.',
  },
  {
    id: 'effect-size',
    term: 'effect size',
    definition:
      'The mean margin of a check divided by its standard deviation over replicates: a standardised margin, how many spreads the check clears its bound by. It is not a difference between two groups, so the labels for Cohen’s d (0.2 small, 0.8 large) do not apply. Where a check’s margins are roughly normal it holds in about Φ(effect size) of the replicates: 1.28 goes with 90%, 0.8 with 79%, 0 with half. A fact’s is that of its weakest check, the smallest of its checks’.',
  },
  {
    id: 'delta-p',
    term: 'Δp',
    definition:
      'For a probability fact: the difference between how often an event happens under two settings (the share of replicates in which it happens), with its 95% interval. Both settings run on the same replicates, so the interval (Newcombe’s, for paired shares) uses how often the two events happen together. Positive means it happens more often under the first. A claim that it does (needed: interval > 0) holds only when the whole interval lies above zero, not when Δp alone is positive.',
  },
  {
    id: 'draw',
    supplement: 'robustness',
    term: 'draw, Latin hypercube (robustness)',
    definition:
      'A draw is one setting of every assumed parameter within its plausible range; the robustness run checks the facts at each draw on paired replicates. A Latin hypercube spreads the draws so that each parameter’s range is covered evenly. In the robustness table, n/a counts the draws in which a fact applied on too few replicates to be judged.',
  },
  {
    id: 'within-chance',
    supplement: 'robustness',
    term: 'most associated with failure, ρ, within chance',
    definition:
      'The parameters whose values go most with a fact’s share across the draws, by Spearman’s rank correlation ρ. With many parameters and few draws some correlate by chance: an association no stronger than what the strongest of them reaches one time in twenty with the shares shuffled among the draws is marked within chance.',
  },
  {
    id: 'phi',
    supplement: 'robustness',
    term: 'pull against each other, φ, if independent',
    definition:
      'Two facts pull against each other when, across the draws, they hold together less often than they would if they were independent (the product of their shares); φ is the correlation of their holding, below 0 when they pull apart.',
  },
  {
    id: 'headline-contrast',
    supplement: 'robustness',
    term: 'headline contrast, at the defaults',
    definition:
      'The paired difference between the two scenarios the case’s facts file names for its main comparison, metric by metric. “At the defaults” is its value with the parameters as the scenarios set them; the robustness run counts the draws in which it keeps that sign.',
  },
  {
    id: 'morris',
    supplement: 'morris',
    term: 'Morris screening, μ*, design point',
    definition:
      'A sensitivity screen that moves one parameter at a time along paths through the parameters’ ranges; each design point is one setting, run on paired replicates. A parameter’s μ* is the mean absolute change its steps make in the contrast, each scaled to a move across the parameter’s whole plausible range: how much it drives the difference between the modes, whatever the direction.',
  },
  {
    id: 'sobol',
    supplement: 'sobol',
    term: 'Sobol indices, total index, design point',
    definition:
      'A sensitivity analysis that samples every parameter at once over its range (each design point one setting, run on paired replicates) and splits the variance of the contrast among the parameters. A parameter’s total index is the share of that variance it takes part in, alone or with others: how much it drives the difference between the modes, whatever the direction.',
  },
  {
    id: 'prcc',
    supplement: 'prcc',
    term: 'partial rank correlation (PRCC), design point',
    definition:
      'A sensitivity analysis over a Latin hypercube: every parameter is drawn at once over its range, each design point one setting, run on paired replicates. A parameter’s PRCC, from −1 to 1, is the correlation between its ranks and the contrast’s ranks once what the other parameters explain of both is taken out: how strongly, and which way, the difference between the modes follows that parameter. It reads a steady rise or fall, not an effect that goes up and then down. Its p is the chance of a PRCC at least as far from 0 if the parameter had no such effect (a t test over the design points): small p, an effect the design’s points can tell from none.',
  },
  {
    id: 'administrative-led',
    term: 'administrative-led (行政主导)',
    definition:
      'The mode of phase 1: the street sets goals under the target responsibility system, each department lists projects in its own line and deals with the community separately, and pressure is pushed down to the community (§3).',
  },
  {
    id: 'stage-target',
    term: 'stage-target pressure (目标阶段控制)',
    definition:
      'Under administrative-led renewal the street gives each department a stage target, a share of its listed projects to be done by a date, and audits it every few weeks (督查考核): a department behind its target is pressed harder, writes more reports, and pushes work down to the community; every listed project is taken into docking at once (§3(1), §3(3)).',
  },
  {
    id: 'catalogue',
    term: 'catalogue (项目清单)',
    definition:
      'A department’s own list of projects in its line, drawn up within its share of the budget once a budget year, before residents are asked (§3(2)). Under co-production the integrated plan, in the council’s order of priority, takes the catalogues’ place.',
  },
  {
    id: 'implementation-plan',
    term: 'implementation plan (实施方案)',
    definition:
      'The document a department writes for a project of its own before it can dock it with the community: part of the paperwork (文字工作) that pressure multiplies. Under an integrated plan, the plan itself is the projects’ document.',
  },
  {
    id: 'co-production',
    term: 'co-production (政社共同生产)',
    definition:
      'The mode after the switch: residents are mobilised and a council of deliberators sets priorities (participation), and the Promotion Office makes one integrated plan with joint and on-site meetings (integration) (§4(2)).',
  },
  {
    id: 'switch',
    term: 'the switch, pause (暂停)',
    definition:
      'In the Z Street case, the expert consultation of week 18, after which all renewal work is paused until co-production starts in week 22 (§4(1)). “Before the switch” is weeks 1–17.',
  },
  {
    id: 'switch-rule',
    term: 'the switch as a decision: operational dilemma, political-performance drive, administrative frame',
    definition:
      'Scenarios whose switch is not fixed in the timeline let the street’s leadership decide it (an endogenous decision, §4(1)). Each week it observes the operational dilemma (运作困境): staff overload, idling and residents unaware, averaged. Before any outside diagnosis it reads the dilemma through the administrative frame, as implementation lagging, and answers with more pressure on the departments. An expert consultation reframes it (专家介入催化) as a problem of the approach itself; rarely the leadership reframes it alone. Once reframed, it switches with a weekly chance that grows with the dilemma and with the political-performance drive (政绩逻辑驱动, the wish to show results), damped by inertia.',
  },
  {
    id: 'interface-department',
    term: 'interface department',
    definition:
      'A department that deals with the community over a project of its own: each writes its own paperwork and implementation plan for each such project. Under an integrated plan a project has one interface and the plan is the document.',
  },
  {
    id: 'docking',
    term: 'docking thread (对接)',
    definition:
      'One department confirming one of its projects with the community, through rounds of office meetings and separate visits. Under co-production a project has one interface and its departments confirm together.',
  },
  {
    id: 'office-loop',
    term: 'office loop, office-loop round',
    definition:
      'How a cross-department question is settled under separate docking: a meeting in the office, then each department confirms separately in the community, then another meeting, round after round, each round taking weeks (§4(2)2). Under co-production an on-site meeting of the departments with the site’s residents settles it.',
  },
  {
    id: 'promotion-office',
    term: 'Promotion Office (推进办)',
    definition:
      'The street office that supervised and assessed the departments in phase 1 (督查考核), and after the switch coordinated them: it pools their resources, chairs the biweekly joint meetings (工作推进会) and makes one plan (§4(2)2).',
  },
  {
    id: 'deliberators',
    term: 'deliberators, council (协商议事员, 议事会)',
    definition:
      'Forty-odd residents chosen by nomination, self-recommendation and random selection; in council meetings they score the proposals residents made for urgency and importance, and the scores set the plan’s priority order (§4(2)1).',
  },
  {
    id: 'planning-cycle',
    term: 'planning cycle',
    definition:
      'Under co-production, suggestions → council meetings → the plan matched to the budget, repeated when a new budget year begins: the second cycle takes up what is still unmet.',
  },
  {
    id: 'need-match',
    term: 'need match, top-5 pain points',
    definition:
      'Need match: the rank correlation between how much residents need each thing (their need weights, summed) and how far it was met by what was built. Top-5 pain points: the five things residents need most in a community; “covered” is the share of them met.',
  },
  {
    id: 'interfaces',
    term: 'interfaces per project',
    definition:
      'The channels through which community staff must deal with a project: one per department when each docks separately, one under an integrated plan.',
  },
  {
    id: 'case-path',
    term: 'the case, the case path',
    definition:
      'The course of modes the case went through, as its own scenario sets it out week by week (in Z Street: administrative-led renewal in weeks 1–17, the pause, then co-production from week 22 to the end of 2019). The counterfactuals run the same world on the same seeds with another course.',
  },
  {
    id: 'fragmentation',
    term: 'fragmentation (碎片化)',
    definition:
      'The pilot split into departments’ separate projects, each docked separately, with nobody integrating them (§3(2)); measured by interfaces per project and open docking threads.',
  },
  {
    id: 'idling',
    term: 'idling (空转, 悬浮), idle share',
    definition:
      'Effort that does not become works: project-weeks in which a listed project makes no progress, stuck in docking or waiting for staff and departments (§3(3)). The idle share is such weeks ÷ the weeks projects spend in docking or works.',
  },
  {
    id: 'waste',
    term: 'waste share',
    definition:
      'Money spent on duplicate construction, on works undone by conflicting works, and on cancelled projects, as a share of all money spent so far.',
  },
  {
    id: 'load',
    term: 'staff load',
    definition: 'Hours asked of the community’s staff in a week ÷ the hours they have; above 1 is overload.',
  },
  {
    id: 'satisfaction',
    term: 'need-weighted satisfaction, satisfaction per unit of money',
    definition:
      'The share of households’ needs met, each need weighted by how much it matters to the household. Per unit of money: the satisfaction gained, in percentage points, per budget unit spent (one unit = the pilot’s first-year budget).',
  },
];

/** The anchor of a term in the HTML page. */
export function glossaryAnchor(id: string): string {
  return `term-${id}`;
}

/** The entries a report uses: every general term, and a supplement's terms only when the report includes it. */
export function glossaryFor(included: { robustness?: unknown; contrasts?: { method: string } }): GlossaryEntry[] {
  return glossary.filter(
    (entry) =>
      entry.supplement === undefined ||
      (entry.supplement === 'robustness' ? included.robustness !== undefined : included.contrasts?.method === entry.supplement),
  );
}
