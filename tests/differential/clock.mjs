// Pins the Node process's clock for survey-core. survey-core asks for the current moment with
// `new Date()` (no arguments) in today(), currentDate(), age() and year()/month()/day() without an
// argument, and with Date.now() elsewhere; a survey model may also carry a `dateProvider`, but
// ExpressionRunner outside a survey has none, so the process clock is what must be pinned.
// Import this module before anything reads the clock. TZ is set to UTC because survey-core's
// today() truncates to local midnight (setHours(0, 0, 0, 0)); canvass works in UTC.
process.env.TZ = 'UTC';

export const NOW_ISO = process.env.CANVASS_DIFF_NOW || '2026-06-15T12:00:00Z';
export const NOW_MS = Date.parse(NOW_ISO);
if (Number.isNaN(NOW_MS)) throw new Error(`CANVASS_DIFF_NOW is not an ISO-8601 instant: ${NOW_ISO}`);

const RealDate = globalThis.Date;
if (!RealDate.__canvassFake) {
  class FakeDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(NOW_MS);
      else super(...args);
    }
    static now() {
      return NOW_MS;
    }
  }
  // A plain call Date() returns a string of the current moment; keep that pinned too.
  const Wrapped = new Proxy(FakeDate, {
    apply() {
      return new RealDate(NOW_MS).toString();
    },
  });
  Object.defineProperty(FakeDate, '__canvassFake', { value: true });
  globalThis.Date = Wrapped;
}
