/** Node layer (`govsim/node`): files in and out. The rest of govsim runs anywhere. */
export { type CaseFolder, knownCases, loadCaseFolder } from './case-folder.js';

export { type RunManifest, runManifest, writeFilesAtomically, writeRunOutputs } from './output.js';
export { chartFontOptions, type ReportManifest, svgToPng, writeReport } from './report-files.js';
export { loadScenarioFile, parseScenarioJson } from './scenario-file.js';
export { govsimVersion } from './version.js';
