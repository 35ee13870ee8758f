// The results dashboard (docs/dashboard.md) in headless Chromium: a Board report file opened
// through the file picker and by dropping it on the page, a suppressed count that reads "fewer
// than 10" on the canvas and in the accessible layer's tables, a filter changed with the
// keyboard alone, a bad file named with its place, and a kiosk's staff opening the dashboard on
// the responses stored there. Screenshots at phone, laptop and kiosk sizes go to
// artefacts/screenshots/dashboard-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import {
  pressControl, repoRoot, revealControl, screenshot, semanticLayer, settledView, setUpKiosk, startHarness, typePin, view, viewports,
  waitForView,
} from './harness.mjs';
import { submit } from './store_exports.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const fixturePath = join(repoRoot, 'tests/e2e/fixtures/diz-board-report.json');
const fixtureText = readFileSync(fixturePath, 'utf8');
// A seminar kiosk: a 10-inch tablet on a stand (tests/e2e/kiosk_driver.mjs).
const kioskTablet = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true };
const axeViolations = async (page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join('; ')}`);

const chart = (current, id) => current.dashboard.charts.find((c) => c.id === id);

// What Chromium gets when a file is dragged from the desktop and let go over the page.
async function dropFile(page, name, text) {
  const dataTransfer = await page.evaluateHandle(({ name: fileName, text: content }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], fileName, { type: 'application/json' }));
    return transfer;
  }, { name, text });
  await page.dispatchEvent('#canvas', 'dragenter', { dataTransfer });
  await page.dispatchEvent('#canvas', 'dragover', { dataTransfer });
  const zoneShown = await page.locator('#canvass-drop-zone').isVisible();
  await page.dispatchEvent('#canvas', 'drop', { dataTransfer });
  return zoneShown;
}

// Tab through the page (the accessible layer) until the control with `id` has the focus.
async function tabTo(page, id, maxTabs = 60) {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('data-control')) === id) return;
  }
  throw new Error(`Tab never reached '${id}'`);
}

// Scrolls the canvas so a chart's title is near the top, for a screenshot of the chart itself.
async function scrollToControl(page, id, touch) {
  await revealControl(page, id, { touch });
  await settledView(page);
}

test('a Board report file opened with the file picker: a suppressed count reads "fewer than 10", filters work from the keyboard', async () => {
  const page = await harness.bootPage(viewports.laptop);
  let current = await waitForView(page, (v) => v.screen === 'welcome');
  const open = current.controls.find((c) => c.id === 'open_results_file');
  assert.equal(open.label, 'Open a results file');
  assert.match(current.resultsFileHint, /drop the file onto this page/);
  await scrollToControl(page, 'open_results_file', false);
  await screenshot(page, 'dashboard-welcome-laptop');  // what a resident sees of it: below their own part
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), pressControl(page, 'open_results_file')]);
  await chooser.setFiles(fixturePath);
  current = await waitForView(page, (v) => v.screen === 'dashboard');
  assert.equal(current.heading, 'Results: Getting online: have your say');
  assert.equal(current.documentTitle, 'Results: Getting online: have your say – Canvass');
  assert.equal(current.dashboard.source, 'file');
  assert.equal(current.dashboard.fileName, 'diz-board-report.json');
  assert.equal(current.paragraphs[0], '260 responses, from 14 September 2026 to 12 November 2026.');

  // The few who live elsewhere: "fewer than 10", no percentage, no bar; in the layer's table too.
  const elsewhere = chart(current, 'summary:areas').bars.find((b) => b.label === 'Elsewhere');
  assert.deepEqual(elsewhere, { label: 'Elsewhere', count: 'fewer than 10', percent: '', fraction: 0, suppressed: true });
  const areasTable = semanticLayer(page).locator('table', { has: page.locator('caption', { hasText: 'Where they live or work' }) });
  assert.deepEqual(await areasTable.locator('tr', { has: page.locator('th', { hasText: 'Elsewhere' }) }).locator('td').allTextContents(),
    ['fewer than 10', 'not shown']);
  assert.equal(await semanticLayer(page).locator('table').count(), current.dashboard.charts.filter((c) => c.bars.length).length,
    'every chart is a table');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'dashboard-file-laptop');
  await scrollToControl(page, 'dashboard:question:home_broadband_type', false);
  await screenshot(page, 'dashboard-file-laptop-charts');

  // The keyboard alone: Tab through the page to the Residents filter, Space; then Businesses, Enter.
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, 'dashboard:segment:resident');
  await waitForView(page, (v) => v.focusedControl === 'dashboard:segment:resident');  // the canvas's ring follows
  await page.keyboard.press('Space');
  current = await waitForView(page, (v) => v.dashboard?.filterLabel === 'Residents');
  assert.equal(current.controls.find((c) => c.id === 'dashboard:segment:resident').selected, true);
  const residents = JSON.parse(fixtureText).questions.find((q) => q.name === 'home_broadband_type').by_segment.resident.options[0];
  assert.equal(chart(current, 'q:home_broadband_type').bars[0].count, residents.suppressed ? 'fewer than 10' : String(residents.count));
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-control')), 'dashboard:segment:resident',
    'the focus stays on the filter after the layer rebuilds');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-control')), 'dashboard:segment:business');
  await page.keyboard.press('Enter');
  current = await waitForView(page, (v) => v.dashboard?.filterLabel === 'Businesses');
  // The area select, from the keyboard: a file shows one breakdown at a time, so the segment goes back to everyone.
  await tabTo(page, 'dashboard:area:all');
  await page.keyboard.press('ArrowDown');
  current = await waitForView(page, (v) => v.dashboard?.filterLabel === 'People in Harlow');
  assert.equal(current.controls.find((c) => c.id === 'dashboard:segment:all').selected, true);
  await screenshot(page, 'dashboard-file-laptop-harlow');

  // A question compared across groups, by mouse; then the file's cross-tab.
  await pressControl(page, 'dashboard:segment:all');
  await pressControl(page, 'dashboard:area:all');
  await waitForView(page, (v) => v.dashboard?.filterLabel === 'Everyone');
  await pressControl(page, 'dashboard:question:age_band');
  current = await waitForView(page, (v) => v.dashboard?.page === 'question');
  assert.equal(current.heading, 'How old are you?');
  assert.ok(chart(current, 'q:age_band:segment:commuter'));
  assert.ok(chart(current, 'q:age_band:area:broxbourne'));
  await screenshot(page, 'dashboard-question-laptop');
  await pressControl(page, 'dashboard:back');
  await waitForView(page, (v) => v.dashboard?.page === 'overview');
  await pressControl(page, 'dashboard:crosstab');
  await waitForView(page, (v) => v.dashboard?.page === 'crosstab');
  await pressControl(page, 'dashboard:crosstab:0');
  current = await waitForView(page, (v) => v.dashboard?.crosstab);
  assert.equal(current.dashboard.crosstab.rows.at(-1).cells.at(-1), '260');
  assert.ok(current.dashboard.crosstab.rows.some((r) => r.cells.includes('fewer than 10')));
  await screenshot(page, 'dashboard-crosstab-laptop');
  await pressControl(page, 'dashboard:back');
  await pressControl(page, 'dashboard:back');
  await waitForView(page, (v) => v.screen === 'welcome');
  harness.assertClean();
  await page.context().close();
});

test('a results file dropped on the page, by touch at phone size; a bad one is named with its place and changes nothing', async () => {
  const page = await harness.bootPage(viewports.phone);
  let current = await waitForView(page, (v) => v.screen === 'welcome');
  const broken = JSON.parse(fixtureText);
  broken.questions[3].all.options[0].count = 'many';
  assert.equal(await dropFile(page, 'board-minutes.json', JSON.stringify(broken)), true, 'the drop zone shows while a file is over the page');
  current = await waitForView(page, (v) => v.errorSummary.length > 0);
  assert.equal(current.screen, 'welcome');
  assert.match(current.errorSummary[0].message, /^The file could not be opened as results: board-minutes\.json: questions\[3\]\.all\.options\[0\]\.count: /);
  assert.equal(current.errorTitle, 'There is a problem');
  assert.match(await semanticLayer(page).getByRole('alert').textContent(), /board-minutes\.json/);
  assert.equal(await page.locator('#canvass-drop-zone').isVisible(), false);
  await screenshot(page, 'dashboard-bad-file-phone');
  // Not a .json file at all.
  await dropFile(page, 'photo.png', 'not json');
  current = await waitForView(page, (v) => v.errorSummary[0]?.message.includes('photo.png'));
  assert.equal(current.errorSummary[0].message, 'The file could not be opened as results: photo.png: only a results file (.json) can be opened here');

  await dropFile(page, 'diz-board-report.json', fixtureText);
  current = await waitForView(page, (v) => v.screen === 'dashboard');
  assert.deepEqual(current.errorSummary, [], 'a good file clears the message');
  await settledView(page);
  await screenshot(page, 'dashboard-file-phone');
  await pressControl(page, 'dashboard:area:harlow', { touch: true });
  current = await waitForView(page, (v) => v.dashboard?.filterLabel === 'People in Harlow');
  await scrollToControl(page, 'dashboard:question:home_broadband_type', true);
  await screenshot(page, 'dashboard-file-phone-charts');
  // Those from elsewhere are too small a group: a message, not charts.
  await pressControl(page, 'dashboard:area:other', { touch: true });
  current = await waitForView(page, (v) => v.dashboard?.filterLabel === 'People from elsewhere');
  assert.match(current.dashboard.message, /^Fewer than 10 people are in this group \(People from elsewhere\)/);
  assert.equal(current.dashboard.charts.filter((c) => c.question).length, 0);
  // Every control drawn is inside the phone's width: nothing runs off the side.
  current = await settledView(page);
  for (const c of current.controls.filter((c) => c.rect)) {
    assert.ok(c.rect.x >= 0 && c.rect.x + c.rect.width <= current.canvas.cssWidth + 0.5, `${c.id} fits the screen`);
  }
  harness.assertClean();
  await page.context().close();
});

// A response as the kiosk stores it, with answers that land in the charts.
function response(n, segment, postcode) {
  const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const data = {
    segment: [segment], postcode_district: postcode, age_band: ['25_34', '45_54', '65_74'][n % 3], disability: n % 4 ? 'no' : 'yes',
    ideas: 'More public Wi-Fi in the town centre',
  };
  if (segment === 'resident') Object.assign(data, { home_broadband_type: n % 2 ? 'full_fibre' : 'cable', home_broadband_satisfaction: 1 + (n % 5) });
  return {
    id, surveyId: 'diz-digital-needs', surveyVersion: 'any', locale: 'en', segment, channel: n % 5 ? 'kiosk' : 'paper',
    startedAt: '2026-11-26T10:00:00Z', submittedAt: '2026-11-26T10:07:00Z', data: JSON.stringify(data),
  };
}

async function openStaff(page) {
  await page.keyboard.press('Control+Alt+KeyA');
  await waitForView(page, (v) => v.screen === 'staff-pin' && v.staff.mode === 'enter');
  await typePin(page);
  return waitForView(page, (v) => v.screen === 'staff' && v.paragraphs.length > 0);
}

test('a kiosk\'s staff open the dashboard on the responses stored there; a small kiosk shows a message; nothing is counted per frame', async () => {
  const page = await harness.bootPage(kioskTablet, '?kiosk=1&kiosk-idle=600&test-exports');
  page.on('dialog', (dialog) => dialog.accept());
  let current = await setUpKiosk(page);
  assert.equal(current.controls.some((c) => c.id === 'open_results_file'), false, 'a kiosk offers no results file to respondents');
  assert.equal(await dropFile(page, 'diz-board-report.json', fixtureText), false, 'nor takes one dropped on it');
  await new Promise((done) => setTimeout(done, 300));
  assert.equal((await view(page)).screen, 'welcome');

  for (let n = 0; n < 3; n++) assert.equal((await submit(page, response(n, 'resident', 'CM20'))).ok, true);
  await openStaff(page);
  await pressControl(page, 'staff:results', { touch: true });
  current = await waitForView(page, (v) => v.screen === 'dashboard');
  assert.equal(current.dashboard.source, 'live');
  assert.equal(current.dashboard.message, 'There are 3 responses on this kiosk. Results show once there are at least 10, so that nobody can be picked out.');
  assert.equal(current.dashboard.charts.length, 0);
  await screenshot(page, 'dashboard-kiosk-too-few');
  await pressControl(page, 'dashboard:back', { touch: true });
  await waitForView(page, (v) => v.screen === 'staff');

  // 30 more: residents in Harlow, businesses in Epping Forest, commuters from elsewhere.
  for (let n = 3; n < 33; n++) {
    const [segment, postcode] = [['resident', 'CM20'], ['business', 'CM16'], ['commuter', '']][n % 3];
    assert.equal((await submit(page, response(n, segment, postcode))).ok, true);
  }
  await pressControl(page, 'staff:results', { touch: true });
  current = await waitForView(page, (v) => v.screen === 'dashboard');
  assert.equal(current.paragraphs[0], '33 responses, all on 26 November 2026.');
  assert.equal(current.dashboard.recounts, 1);
  assert.ok(chart(current, 'q:home_broadband_type').bars.length > 0);
  await settledView(page);
  await screenshot(page, 'dashboard-kiosk');

  // Scrolling draws frames but counts nothing again; a filter tapped twice counts once.
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.move(box.x + 20, box.y + 400);
  const before = await view(page);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 600);
  current = await settledView(page);
  assert.ok(current.framesDrawn > before.framesDrawn);
  assert.equal(current.dashboard.recounts, 1);
  await pressControl(page, 'dashboard:segment:resident', { touch: true });
  current = await waitForView(page, (v) => v.dashboard?.filterLabel === 'Residents');
  assert.equal(current.dashboard.recounts, 2);
  assert.equal(current.paragraphs[0], '13 responses, all on 26 November 2026.');
  await pressControl(page, 'dashboard:segment:resident', { touch: true });
  await pressControl(page, 'dashboard:area:harlow', { touch: true });
  current = await waitForView(page, (v) => v.dashboard?.filterLabel === 'Residents in Harlow');
  assert.equal(current.dashboard.recounts, 3);
  // Residents in Epping Forest: none, so a message instead of charts.
  await pressControl(page, 'dashboard:area:epping_forest', { touch: true });
  current = await waitForView(page, (v) => v.dashboard?.filterLabel === 'Residents in Epping Forest');
  assert.match(current.dashboard.message, /^Fewer than 10 people on this kiosk match this choice/);
  assert.equal(current.dashboard.charts.length, 0);
  await settledView(page);
  await screenshot(page, 'dashboard-kiosk-small-group');
  assert.deepEqual(await axeViolations(page), []);
  // The Board report of every response on the kiosk, whatever the filter shows.
  const [download] = await Promise.all([page.waitForEvent('download'), pressControl(page, 'dashboard:download_report', { touch: true })]);
  assert.match(download.suggestedFilename(), /^canvass-report-diz-digital-needs-\d{8}\.json$/);
  const reportText = readFileSync(await download.path(), 'utf8');
  const board = JSON.parse(reportText);
  assert.equal(board.format, 'canvass.report');
  assert.equal(board.response_count, 33);
  assert.equal(board.sources.length, 1);
  assert.match(board.sources[0].id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'the kiosk\'s own id names the source');
  assert.ok(!/T\d\d:\d\d/.test(reportText), 'no time of day in a report');
  await pressControl(page, 'dashboard:back', { touch: true });
  current = await waitForView(page, (v) => v.screen === 'staff');
  assert.match(current.paragraphs[1], /On this kiosk: 33,/);
  harness.assertClean();
  await page.context().close();
});
