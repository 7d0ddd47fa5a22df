/**
 * The picture of a community on a canvas: the departments on top, the
 * community staff below them and the docking threads between — one line per
 * department docking on its own (fragmentation), or every department through
 * one plan with one interface (integration); the sites with the state of their
 * works; every household as a cell, grouped by building, coloured by
 * awareness, satisfaction, engagement or trust.
 */
import { type CommunityFrame, type CommunityLayout, SiteStatus } from './community-view.js';
import type { Colouring } from './url-state.js';

/** The canvas's background; a test checks the picture draws more than this. */
export const pictureBackground = '#ffffff';

/** Colours of the sites by {@link SiteStatus}. */
export const siteColours: Readonly<Record<number, string>> = {
  [SiteStatus.none]: '#e5e7eb',
  [SiteStatus.done]: '#16a34a',
  [SiteStatus.listed]: '#cbd5e1',
  [SiteStatus.docking]: '#facc15',
  [SiteStatus.works]: '#f97316',
  [SiteStatus.idle]: '#dc2626',
};

const siteLabels: ReadonlyArray<[number, string]> = [
  [SiteStatus.listed, 'listed'],
  [SiteStatus.docking, 'docking'],
  [SiteStatus.works, 'works'],
  [SiteStatus.idle, 'idle'],
  [SiteStatus.done, 'done'],
];

/**
 * What the picture shows, in words, for a screen reader (the canvas's name): the departments' and staff's loads,
 * the docking, this week's meetings, the sites by status and the households' awareness and engagement.
 * @example communityDescription('A', layout, frame) // "Run A's community, week 30: departments' load D1 0.62, D2 1.10 (over 1: D2); Y staff load 0.80; …"
 */
export function communityDescription(run: string, layout: CommunityLayout, frame: CommunityFrame): string {
  const loads: string[] = [];
  const overloaded: string[] = [];
  frame.departmentLoad.forEach((load, department) => {
    loads.push(`D${department + 1} ${Number.isFinite(load) ? load.toFixed(2) : '—'}`);
    if (load > 1) overloaded.push(`D${department + 1}`);
  });
  const staff = layout.communities.map((community, index) => {
    const load = frame.staffLoad[index] as number;
    return `${community.name} staff load ${Number.isFinite(load) ? load.toFixed(2) : '—'}`;
  });
  let separate = 0;
  for (const threads of frame.separateThreads) separate += threads;
  let throughPlan = 0;
  for (const interfaces of frame.planInterfaces) throughPlan += interfaces;
  const meetings = [
    frame.meetings.joint ? 'a joint meeting' : '',
    frame.meetings.onSite > 0 ? `${frame.meetings.onSite} on-site meeting${frame.meetings.onSite === 1 ? '' : 's'}` : '',
    frame.meetings.council ? 'a council meeting' : '',
    frame.meetings.audit ? 'an audit' : '',
  ].filter((text) => text !== '');
  const bySite = siteLabels
    .map(([status, label]) => {
      let count = 0;
      for (const siteStatus of frame.siteStatus) if (siteStatus === status) count++;
      return count === 0 ? '' : `${count} ${label}`;
    })
    .filter((text) => text !== '');
  const { aware, engaged } = householdPercentages(frame);
  return [
    `Run ${run}'s community, week ${frame.week}: departments' load ${loads.join(', ')}${overloaded.length === 0 ? '' : ` (over 1: ${overloaded.join(', ')})`}`,
    staff.join(', '),
    `docking: ${separate} separate thread${separate === 1 ? '' : 's'}, ${throughPlan} through the plan`,
    `this week: ${meetings.length === 0 ? 'no meeting' : meetings.join(', ')}`,
    `sites (${layout.siteCommunity.length}): ${bySite.length === 0 ? 'no project' : bySite.join(', ')}`,
    `${frame.aware.length} households, aware ${aware}%, engaged ${engaged}%`,
  ].join('; ');
}

/**
 * A site's square in the colour of its status, with a mark of the status besides, so that it is not told by colour
 * alone: docking a dot, works a bar, idle a cross, done a tick (listed and none plain).
 */
function drawSite(context: CanvasRenderingContext2D, status: number, x: number, y: number, size: number): void {
  context.fillStyle = siteColours[status] as string;
  context.fillRect(x, y, size, size);
  const middle = size / 2;
  context.save();
  context.lineWidth = 1.5;
  context.strokeStyle = status === SiteStatus.idle || status === SiteStatus.done ? '#ffffff' : '#111827';
  context.fillStyle = '#111827';
  context.beginPath();
  if (status === SiteStatus.docking) context.fillRect(x + middle - 1, y + middle - 1, 2, 2);
  else if (status === SiteStatus.works) {
    context.moveTo(x + 1.5, y + middle);
    context.lineTo(x + size - 1.5, y + middle);
  } else if (status === SiteStatus.idle) {
    context.moveTo(x + 2, y + 2);
    context.lineTo(x + size - 2, y + size - 2);
    context.moveTo(x + size - 2, y + 2);
    context.lineTo(x + 2, y + size - 2);
  } else if (status === SiteStatus.done) {
    context.moveTo(x + 1.5, y + middle);
    context.lineTo(x + middle - 0.5, y + size - 2);
    context.lineTo(x + size - 1.5, y + 2);
  }
  context.stroke();
  context.restore();
}

/** The households aware and engaged this week, in per cent as the picture writes them (whole, and to a tenth). */
function householdPercentages(frame: CommunityFrame): { aware: string; engaged: string } {
  let aware = 0;
  let engaged = 0;
  for (let household = 0; household < frame.aware.length; household++) {
    aware += frame.aware[household] as number;
    engaged += frame.engaged[household] as number;
  }
  const households = Math.max(1, frame.aware.length);
  return { aware: ((100 * aware) / households).toFixed(0), engaged: ((100 * engaged) / households).toFixed(1) };
}

/** A colour between two, `share` of the way (0–1). */
function mix(from: [number, number, number], to: [number, number, number], share: number): string {
  const clamped = Math.min(1, Math.max(0, share));
  const channel = (index: number) =>
    Math.round((from[index] as number) + ((to[index] as number) - (from[index] as number)) * clamped);
  return `rgb(${channel(0)},${channel(1)},${channel(2)})`;
}

/** The colour of a household under a colouring. */
export function householdColour(frame: CommunityFrame, household: number, colouring: Colouring): string {
  switch (colouring) {
    case 'awareness':
      return frame.aware[household] === 1 ? '#2563eb' : '#d4d4d8';
    case 'engagement':
      return frame.engaged[household] === 1 ? '#059669' : '#d4d4d8';
    case 'satisfaction':
      return mix([254, 226, 226], [21, 128, 61], frame.satisfaction[household] as number);
    case 'trust':
      return mix([243, 232, 255], [107, 33, 168], frame.trust[household] as number);
  }
}

/** A one-line description of a colouring, for the legend. */
function colouringLegend(colouring: Colouring): Array<[string, string]> {
  switch (colouring) {
    case 'awareness':
      return [
        ['#d4d4d8', 'unaware'],
        ['#2563eb', 'aware of the renewal'],
      ];
    case 'engagement':
      return [
        ['#d4d4d8', 'not engaged'],
        ['#059669', 'engaged (suggested, deliberated, attended)'],
      ];
    case 'satisfaction':
      return [
        [mix([254, 226, 226], [21, 128, 61], 0), 'needs unmet'],
        [mix([254, 226, 226], [21, 128, 61], 0.5), 'half met'],
        [mix([254, 226, 226], [21, 128, 61], 1), 'all met'],
      ];
    case 'trust':
      return [
        [mix([243, 232, 255], [107, 33, 168], 0), 'trust 0'],
        [mix([243, 232, 255], [107, 33, 168], 0.5), '0.5'],
        [mix([243, 232, 255], [107, 33, 168], 1), '1'],
      ];
  }
}

/** Draws one run's community onto `canvas` at its displayed width. */
export function drawCommunity(
  canvas: HTMLCanvasElement,
  layout: CommunityLayout,
  frame: CommunityFrame,
  colouring: Colouring,
  accent: string,
): void {
  const ratio = devicePixelRatio;
  const width = Math.max(280, canvas.clientWidth || 480);
  const communityCount = layout.communities.length;
  const departmentCount = layout.departments;
  const top = 8;
  const departmentHeight = 34;
  const staffY = top + departmentHeight + 64;
  const staffHeight = 30;
  // Below the staff row: the joint-meeting label, and with several communities a line on their staff; then the sites.
  const sitesY = staffY + staffHeight + (communityCount > 1 ? 42 : 36);
  const siteSize = 9;
  const sitesPerRow = Math.max(1, Math.floor((width - 16) / (siteSize + 2)));
  const siteRows = Math.max(1, Math.ceil(layout.siteCommunity.length / sitesPerRow));
  const householdsY = sitesY + siteRows * (siteSize + 2) + 26;
  // Households: buildings in a grid, each a block of cells.
  const buildings = layout.buildingStart.length - 1;
  let largest = 1;
  for (let building = 0; building < buildings; building++)
    largest = Math.max(largest, (layout.buildingStart[building + 1] as number) - (layout.buildingStart[building] as number));
  const buildingColumns = Math.max(1, Math.ceil(Math.sqrt(buildings * 1.6)));
  const blockWidth = (width - 16) / buildingColumns;
  const cellsAcross = Math.max(1, Math.ceil(Math.sqrt(largest * 1.3)));
  const cell = Math.max(1, Math.floor((blockWidth - 4) / cellsAcross));
  const blockHeight = Math.ceil(largest / cellsAcross) * cell + 5;
  const householdRows = Math.ceil(buildings / buildingColumns);
  const height = householdsY + householdRows * blockHeight + 30;

  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.height = `${height}px`;
  const context = canvas.getContext('2d');
  if (context === null) return;
  context.scale(ratio, ratio);
  context.fillStyle = pictureBackground;
  context.fillRect(0, 0, width, height);
  context.font = '11px sans-serif';
  context.textBaseline = 'middle';

  // Departments, with their load as a bar.
  const departmentWidth = Math.min(54, (width - 16) / Math.max(1, departmentCount) - 6);
  const departmentsSpan = departmentCount * (departmentWidth + 6) - 6;
  const departmentX = (department: number) => (width - departmentsSpan) / 2 + department * (departmentWidth + 6);
  // Community staff, one box per community in a slot of its own across the picture, 8 pixels in from each side.
  const staffSlot = (width - 16) / communityCount;
  const staffWidth = Math.max(2, Math.min(180, staffSlot - Math.min(10, staffSlot / 4)));
  const staffLeft = (community: number) => 8 + (community + 0.5) * staffSlot - staffWidth / 2;
  if (frame.meetings.joint) {
    context.strokeStyle = '#0d9488';
    context.lineWidth = 2;
    context.setLineDash([5, 3]);
    // Around the departments and every community's staff, within the picture.
    const frameLeft = Math.max(1, Math.min(departmentX(0), staffLeft(0)) - 8);
    const frameRight = Math.min(
      width - 1,
      Math.max(departmentX(0) + departmentsSpan, staffLeft(communityCount - 1) + staffWidth) + 8,
    );
    context.strokeRect(frameLeft, top - 4, frameRight - frameLeft, staffY + staffHeight - top + 8);
    context.setLineDash([]);
    // The label darker than the line, to be read at 11 pixels (contrast above 4.5:1 on white).
    context.fillStyle = '#0f766e';
    context.fillText('joint meeting', frameLeft + 2, staffY + staffHeight + 12);
  }
  for (let department = 0; department < departmentCount; department++) {
    const x = departmentX(department);
    const load = frame.departmentLoad[department] as number;
    context.fillStyle = '#f3f4f6';
    context.fillRect(x, top, departmentWidth, departmentHeight);
    context.fillStyle = load > 1 ? '#dc2626' : '#94a3b8';
    const filled = Math.min(1, load / 1.5) * departmentHeight;
    context.fillRect(x, top + departmentHeight - filled, departmentWidth, filled);
    context.strokeStyle = '#475569';
    context.lineWidth = 1;
    context.strokeRect(x + 0.5, top + 0.5, departmentWidth - 1, departmentHeight - 1);
    context.fillStyle = '#111827';
    context.textAlign = 'center';
    context.fillText(`D${department + 1}`, x + departmentWidth / 2, top + 10);
  }

  // Community staff, one box per community, and the docking threads to it.
  for (let community = 0; community < communityCount; community++) {
    const staffX = staffLeft(community);
    const staffCentre = staffX + staffWidth / 2;
    const hubY = top + departmentHeight + 34;
    const interfaces = frame.planInterfaces[community] as number;
    for (let department = 0; department < departmentCount; department++) {
      const fromX = departmentX(department) + departmentWidth / 2;
      const separate = frame.separateThreads[community * departmentCount + department] as number;
      const throughPlan = frame.planThreads[community * departmentCount + department] as number;
      if (separate > 0) {
        context.strokeStyle = '#ea580c';
        context.lineWidth = Math.min(8, 0.8 + separate);
        context.beginPath();
        context.moveTo(fromX, top + departmentHeight);
        context.lineTo(staffCentre + ((department - (departmentCount - 1) / 2) * staffWidth) / (departmentCount + 1), staffY);
        context.stroke();
      }
      if (throughPlan > 0) {
        context.strokeStyle = '#0284c7';
        context.lineWidth = 1.2;
        context.beginPath();
        context.moveTo(fromX, top + departmentHeight);
        context.lineTo(staffCentre, hubY);
        context.stroke();
      }
    }
    if (interfaces > 0 || frame.mode.integration) {
      context.fillStyle = '#0284c7';
      context.beginPath();
      context.arc(staffCentre, hubY, 6, 0, 2 * Math.PI);
      context.fill();
      // Labelled where there is room: many communities side by side keep the dot alone.
      if (staffSlot >= 80) {
        context.textAlign = 'left';
        context.fillStyle = '#0369a1';
        context.fillText('one plan', staffCentre + 10, hubY - 2);
      }
      if (interfaces > 0) {
        context.strokeStyle = '#0284c7';
        context.lineWidth = Math.min(8, 1.5 + interfaces / 2);
        context.beginPath();
        context.moveTo(staffCentre, hubY);
        context.lineTo(staffCentre, staffY);
        context.stroke();
      }
    }
    const load = frame.staffLoad[community] as number;
    context.fillStyle = load > 1 ? '#fee2e2' : '#f1f5f9';
    context.fillRect(staffX, staffY, staffWidth, staffHeight);
    context.strokeStyle = load > 1 ? '#dc2626' : '#475569';
    context.lineWidth = load > 1 ? 2 : 1;
    context.strokeRect(staffX, staffY, staffWidth, staffHeight);
    context.fillStyle = '#111827';
    context.textAlign = 'center';
    const name = layout.communities[community]?.name ?? '';
    const loadText = Number.isFinite(load) ? load.toFixed(2) : '—';
    // The longest label that fits the box: name and load, the load alone, or none (the box's colour still tells).
    const label = [`${name} staff · load ${loadText}`, loadText].find(
      (text) => context.measureText(text).width <= staffWidth - 4,
    );
    if (label !== undefined) context.fillText(label, staffCentre, staffY + staffHeight / 2);
  }
  if (communityCount > 1) {
    let overloaded = 0;
    for (let community = 0; community < communityCount; community++) if ((frame.staffLoad[community] as number) > 1) overloaded++;
    context.textAlign = 'right';
    context.fillStyle = '#374151';
    context.fillText(
      `staff of ${communityCount} communities: ${overloaded} overloaded (red)`,
      width - 8,
      staffY + staffHeight + 12,
    );
  }
  // What a department's box shows, under the first one: drawn after the docking lines, on a background, so that the
  // lines passing there do not cross it.
  context.textAlign = 'left';
  labelOnBackground(context, 'bar: load (full at 1.5), red above 1', departmentX(0), top + departmentHeight + 12, '#4b5563');
  if (frame.meetings.audit) {
    context.textAlign = 'right';
    labelOnBackground(context, 'audit this week', width - 8, top + departmentHeight + 12, '#b91c1c');
  }
  let separateTotal = 0;
  for (const threads of frame.separateThreads) separateTotal += threads;
  let interfacesTotal = 0;
  for (const interfaces of frame.planInterfaces) interfacesTotal += interfaces;
  context.textAlign = 'left';
  labelOnBackground(
    context,
    `docking: ${separateTotal} separate thread${separateTotal === 1 ? '' : 's'}, ${interfacesTotal} through the plan`,
    8,
    staffY - 10,
    '#374151',
  );

  // Sites.
  context.fillStyle = '#374151';
  context.textAlign = 'left';
  const onSite =
    frame.meetings.onSite > 0 ? ` · ${frame.meetings.onSite} on-site meeting${frame.meetings.onSite === 1 ? '' : 's'}` : '';
  context.fillText(`sites (${layout.siteCommunity.length})${onSite}`, 8, sitesY - 10);
  let legendX = width - 8;
  context.textAlign = 'right';
  for (const [status, label] of [...siteLabels].reverse()) {
    context.fillStyle = '#374151';
    context.fillText(label, legendX, sitesY - 10);
    legendX -= context.measureText(label).width + 4;
    drawSite(context, status, legendX - 8, sitesY - 14, 8);
    legendX -= 14;
  }
  for (let site = 0; site < layout.siteCommunity.length; site++)
    drawSite(
      context,
      frame.siteStatus[site] as number,
      8 + (site % sitesPerRow) * (siteSize + 2),
      sitesY + Math.floor(site / sitesPerRow) * (siteSize + 2),
      siteSize,
    );

  // Households by building.
  context.textAlign = 'left';
  context.fillStyle = '#374151';
  const { aware, engaged } = householdPercentages(frame);
  context.fillText(
    `${frame.aware.length} households in ${buildings} buildings · aware ${aware}% · engaged ${engaged}%${frame.meetings.council ? ' · council meeting' : ''}`,
    8,
    householdsY - 12,
  );
  for (let building = 0; building < buildings; building++) {
    const blockX = 8 + (building % buildingColumns) * blockWidth;
    const blockY = householdsY + Math.floor(building / buildingColumns) * blockHeight;
    const start = layout.buildingStart[building] as number;
    const end = layout.buildingStart[building + 1] as number;
    for (let position = start; position < end; position++) {
      const household = layout.householdOrder[position] as number;
      const offset = position - start;
      context.fillStyle = householdColour(frame, household, colouring);
      context.fillRect(
        blockX + (offset % cellsAcross) * cell,
        blockY + Math.floor(offset / cellsAcross) * cell,
        Math.max(1, cell - 1),
        Math.max(1, cell - 1),
      );
    }
  }
  // Legend of the colouring.
  let x = 8;
  const legendY = height - 14;
  for (const [colour, label] of colouringLegend(colouring)) {
    context.fillStyle = colour;
    context.fillRect(x, legendY - 5, 10, 10);
    context.fillStyle = '#374151';
    context.fillText(label, x + 14, legendY);
    x += context.measureText(label).width + 28;
  }
  context.fillStyle = accent;
  context.fillRect(0, 0, 4, height);
}

/** Text at (x, y) as `context` aligns it, on a patch of the picture's background so that lines under it do not cross it. */
function labelOnBackground(context: CanvasRenderingContext2D, text: string, x: number, y: number, colour: string): void {
  const width = context.measureText(text).width;
  const left = context.textAlign === 'right' ? x - width : context.textAlign === 'center' ? x - width / 2 : x;
  context.fillStyle = pictureBackground;
  context.fillRect(left - 2, y - 7, width + 4, 14);
  context.fillStyle = colour;
  context.fillText(text, x, y);
}
