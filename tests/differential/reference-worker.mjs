// Worker thread for the survey-core side: survey-core needs ~50-150 ms per answer set (a fresh
// Model and its data setter), so the test spreads the sets over worker threads.
import { parentPort } from 'node:worker_threads';
import { evaluateSurvey } from './reference.mjs';

console.warn = () => {}; // survey-core warns on every value it cannot assign; the test expects that
parentPort.on('message', ({ id, json, sets }) => {
  try {
    parentPort.postMessage({ id, results: sets.map((answers) => evaluateSurvey(json, answers)) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.stack || error) });
  }
});
