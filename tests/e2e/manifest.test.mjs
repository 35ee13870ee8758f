// Choosing the survey: boot.js reads ?survey=, fetches surveys/manifest.json and the chosen survey
// before the module starts, and core's verdict reaches the page through window.canvass.boot()
// (docs/automation.md). Runs on a copy of the built web folder whose manifest adds a closed, a
// not-yet-open and a missing survey. Also checks the offline privacy notice pages.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { artefacts, screenshot, siteRoot, startHarness, viewports } from './harness.mjs';

let harness;
let site;

before(async () => {
  site = await mkdtemp(join(tmpdir(), 'canvass-manifest-site-'));
  await cp(siteRoot, site, { recursive: true });
  const manifest = JSON.parse(await readFile(join(site, 'surveys/manifest.json'), 'utf8'));
  const diz = manifest.surveys[0];
  const survey = JSON.parse(await readFile(join(site, 'surveys', diz.file), 'utf8'));
  const variant = async (id, extra) => {
    await writeFile(join(site, 'surveys', `${id}.json`), JSON.stringify({ ...survey, canvassId: id }));
    manifest.surveys.push({ ...diz, id, file: `${id}.json`, ...extra });
  };
  await variant('closed-survey', { opens: '2020-01-01', closes: '2020-12-31' });
  await variant('future-survey', { opens: '2099-01-01' });
  manifest.surveys.push({ ...diz, id: 'missing-survey', file: 'missing-survey.json' });
  await writeFile(join(site, 'surveys/manifest.json'), JSON.stringify(manifest, null, 2));
  harness = await startHarness({ root: site });
});

after(async () => {
  await harness.close();
  await rm(site, { recursive: true, force: true });
});

async function bootStatus(path) {
  const page = await harness.bootPage({}, path);
  const status = await page.evaluate(() => window.canvass.boot());
  return { page, status };
}

describe('choosing the survey', () => {
  test('no ?survey=: the default survey is fetched, loaded and open', async () => {
    const { page, status } = await bootStatus('');
    assert.equal(status.state, 'started');
    assert.equal(status.requestedSurveyId, '');
    assert.equal(status.manifestFile, 'surveys/manifest.json');
    assert.equal(status.surveyFile, 'surveys/diz-digital-needs.json');
    assert.equal(status.fetchError, '');
    assert.equal(status.loaded, true, status.error);
    assert.equal(status.failure, 'none');
    assert.equal(status.surveyId, 'diz-digital-needs');
    assert.match(status.surveyVersion, /^[0-9a-f]{64}$/);
    assert.equal(status.availability, 'open');
    assert.deepEqual(status.privacyNotice, { default: 'privacy.html', pl: 'privacy-pl.html' });
    // The API is read-only: changing the copy changes nothing.
    await page.evaluate(() => { window.canvass.boot().surveyId = 'x'; });
    assert.equal((await page.evaluate(() => window.canvass.boot())).surveyId, 'diz-digital-needs');
    harness.assertClean();
    await page.context().close();
  });

  test('an unknown ?survey= fetches no survey and says so without listing the others', async () => {
    const { page, status } = await bootStatus('?survey=transport');
    assert.equal(status.requestedSurveyId, 'transport');
    assert.equal(status.surveyFile, '');
    assert.equal(status.loaded, false);
    assert.equal(status.failure, 'unknown_survey');
    assert.equal(status.error, "there is no survey with the id 'transport' here; check the link you were given");
    assert.doesNotMatch(status.error, /closed-survey|diz-digital-needs/);
    harness.assertClean();
    await page.context().close();
  });

  test('an invalid ?survey= is not used to fetch anything, nor repeated back', async () => {
    const requests = [];
    const page = await harness.openPage();
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(harness.url + '?survey=' + encodeURIComponent('../surveys/manifest'));
    await page.evaluate(() => window.canvass.ready);
    const status = await page.evaluate(() => window.canvass.boot());
    assert.equal(status.failure, 'unknown_survey');
    assert.equal(status.error,
      "the link's survey id is not valid: an id has 1 to 64 characters from a-z, 0-9 and '-'; check the link you were given");
    assert.deepEqual(requests.filter((path) => path.startsWith('/surveys/')), ['/surveys/manifest.json']);
    harness.assertClean();
    await page.context().close();
  });

  test('a closed survey loads, with its closing date, so the app can say it is closed', async () => {
    const { page, status } = await bootStatus('?survey=closed-survey');
    assert.equal(status.surveyFile, 'surveys/closed-survey.json');
    assert.equal(status.loaded, true, status.error);
    assert.equal(status.surveyId, 'closed-survey');
    assert.equal(status.availability, 'closed');
    assert.equal(status.availabilityDate, '2020-12-31');
    harness.assertClean();
    await page.context().close();
  });

  test('a survey that has not opened yet says when it opens', async () => {
    const { page, status } = await bootStatus('?survey=future-survey');
    assert.equal(status.availability, 'not_yet_open');
    assert.equal(status.availabilityDate, '2099-01-01');
    harness.assertClean();
    await page.context().close();
  });

  test('a survey file the server does not have is a download error naming the file', async () => {
    harness.expectConsoleError(/status of 404/);
    const { page, status } = await bootStatus('?survey=missing-survey');
    assert.equal(status.surveyFile, 'surveys/missing-survey.json');
    assert.equal(status.fetchError, 'surveys/missing-survey.json could not be downloaded: the server answered 404 Not Found');
    assert.equal(status.failure, 'download');
    assert.equal(status.error, status.fetchError);
    harness.assertClean();
    await page.context().close();
  });

  test('no connection for the manifest (offline first visit) is a download error, and the app still starts', async () => {
    harness.expectConsoleError(/ERR_INTERNET_DISCONNECTED/);
    const page = await harness.openPage();
    await page.route('**/surveys/manifest.json', (route) => route.abort('internetdisconnected'));
    await page.goto(harness.url);
    await page.evaluate(() => window.canvass.ready);
    const status = await page.evaluate(() => window.canvass.boot());
    assert.equal(status.fetchError,
      'surveys/manifest.json could not be downloaded: there is no connection to the server (the device may be offline)');
    assert.equal(status.failure, 'download');
    assert.equal(status.loaded, false);
    harness.assertClean();
    await page.context().close();
  });
});

describe('privacy notice pages', () => {
  for (const [file, lang, heading, other, needles] of [
    ['privacy.html', 'en', 'Privacy notice', 'privacy-pl.html',
      ['Article 6(1)(e)', 'Article 9(2)(g)', 'Schedule 1, Part 2, paragraph 8', '12 months after the survey closes', '0303 123 1113']],
    ['privacy-pl.html', 'pl', 'Informacja o prywatności', 'privacy.html',
      ['art. 6 ust. 1 lit. e', 'art. 9 ust. 2 lit. g', 'załącznik 1, część 2, punkt 8', '12 miesięcy po zamknięciu ankiety', '0303 123 1113']],
  ]) {
    test(`${file} loads only from its own origin, with no CSP violations`, async () => {
      for (const [name, options] of [['phone', viewports.phone], ['laptop', viewports.laptop]]) {
        const page = await harness.openPage(options);
        const requests = [];
        const failures = [];
        page.on('request', (request) => requests.push(request.url()));
        page.on('requestfailed', (request) => failures.push(request.url()));
        page.on('console', (message) => { if (/Content.Security.Policy/i.test(message.text())) failures.push(message.text()); });
        const response = await page.goto(harness.url + file);
        assert.equal(response.status(), 200);
        await page.waitForLoadState('load');
        assert.deepEqual(failures, []);
        assert.ok(requests.length >= 2, 'the page and its stylesheet');
        for (const url of requests) assert.ok(url.startsWith(harness.url), `request to another origin: ${url}`);
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        assert.equal(await page.locator('h1').innerText(), heading);
        assert.equal(await page.locator('script').count(), 0);
        // Styled by privacy.css: the text column is narrow enough to read.
        const width = await page.locator('main').evaluate((element) => element.getBoundingClientRect().width);
        assert.ok(width <= 40 * 19 + 1, `text column ${width}px wide`);
        const text = await page.locator('main').innerText();
        for (const needle of needles) assert.ok(text.includes(needle), `mentions ${needle}`);
        assert.equal(await page.locator(`a[href="${other}"]`).first().isVisible(), true);
        // Every link within the page leads somewhere on it.
        const missing = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
          .map((a) => a.getAttribute('href').slice(1)).filter((id) => !document.getElementById(id)));
        assert.deepEqual(missing, []);
        await screenshot(page, `privacy-${lang}-${name}`);
        await page.screenshot({ path: join(artefacts, 'screenshots', `privacy-${lang}-${name}-full.png`), fullPage: true });
        harness.assertClean();
        await page.context().close();
      }
    });
  }
});
