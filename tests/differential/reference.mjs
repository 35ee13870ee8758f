// The survey-core side of the differential test: what npm survey-core@3.1.1 says about one
// answer set, in the shape `canvass check --batch` prints.
//
// API choices, read from node_modules/survey-core/survey.core.js (3.1.1):
// - `new Model(json)` then `survey.data = answers`: the data setter replaces every value and runs
//   all conditions (visibleIf, enableIf, requiredIf, expressions, calculatedValues) once. With
//   clearInvisibleValues "onComplete" or "none" nothing is cleared and no defaultValue comes back;
//   ("onHidden" would clear/restore values depending on the empty survey's state, so the test
//   surveys do not use it).
// - `survey.clearIncorrectValues()` (SurveyModel, default removeNonExistingRootKeys = false): each
//   page asks its questions to drop values that cannot be assigned - a select question's value that is
//   not among its choices (QuestionSelectBase.clearIncorrectValuesCore, kept when "other" is selected),
//   a matrix's unknown rows and columns (QuestionMatrixModel.clearIncorrectValues). Keys that are no
//   question are kept. Conditions run again on each change.
// - visible: `q.isVisible && q.isParentVisible` for q in `survey.getAllQuestions()` (survey order).
//   isParentVisible walks the panels up to the page (Question.isParentVisible).
// - required: `q.isRequired`: requiredIf is an expression property whose result is written into
//   isRequired (Question: addExpressionProperty("requiredIf", ... this.isRequired = res === true)),
//   so after the data setter the property holds the evaluated state.
// - invalid: `q.hasErrors(false)`: fireCallback=false validates (required, the question's own checks,
//   validators) without writing `errors` or focusing. Question.checkForErrors skips an invisible
//   question itself but not one in a hidden page or panel, which is why it is asked of visible ones.
//   A read-only question (readOnly, or enableIf false) collects no errors (canCollectErrors).
// - complete: `survey.validate(false)`: validates all visiblePages (not the start page) with
//   fireCallback=false and no focusing, and never switches the page.
import './clock.mjs';
import { Model, Serializer, ExpressionRunner, settings } from 'survey-core';

if (!Serializer.findProperty('survey', 'canvassId')) Serializer.addProperty('survey', 'canvassId');

export function loadErrors(json) {
  const survey = new Model(json);
  return (survey.jsonErrors || []).map((e) => e.message || String(e));
}

export function evaluateSurvey(json, answers) {
  const survey = new Model(json);
  survey.data = structuredClone(answers);
  survey.clearIncorrectValues();
  const visible = [], required = [], invalid = [];
  for (const q of survey.getAllQuestions()) {
    if (!(q.isVisible && q.isParentVisible)) continue;
    visible.push(q.name);
    if (q.isRequired) required.push(q.name);
    if (q.hasErrors(false)) invalid.push(q.name);
  }
  const complete = survey.validate(false) === true;
  return { visible, required, invalid, complete };
}

// survey-core 3.1.1's ExpressionRunner has runValues(values, properties), not run(): properties
// carries a survey or question for functions that need one; none here, so functions that read "now"
// use the process clock, pinned by clock.mjs.
// survey-core does not throw on a syntax error: the runner has no operand (canRun() is false), it
// warns "Invalid expression: '...'" and yields null. That is reported as { syntaxError: true }, to
// compare with canvass expr's exit status 2.
export function runExpression(expression, answers) {
  const runner = new ExpressionRunner(expression);
  if (!runner.canRun()) return { syntaxError: true };
  return { value: runner.runValues(structuredClone(answers)) };
}

// JSON the way canvass prints it: JSON.stringify, with undefined, NaN and Infinity as null.
export function toJsonText(value) {
  const text = JSON.stringify(value, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
  return text === undefined ? 'null' : text;
}

export { settings };
