// Durable storage for the browser build, in IndexedDB (docs/storage.md explains the design).
// Emscripten includes this file with --pre-js, inside canvass.js, so it shares the module's scope
// (ccall, HEAPU8, addRunDependency) and needs no inline script or eval under the page's CSP.
//
// The SQLite database lives in the module's memory (SQLite's memdb; the module has no file
// system). What survives a reload is:
//   - the checkpoint: one IndexedDB value holding the whole file and the journal sequence it covers;
//   - the journal: one small record per change, in an object store keyed by an autoincrement seq.
// Before main() runs, start-up takes the one-tab lock, checks IndexedDB can be written, reads the
// checkpoint for C++ to open (storage.restored) and keeps the newer journal records to replay.
//
// Sections: 1. state  2. start-up  3. journal writes and checkpoints  4. estimates and persistence
(function () {
  'use strict';

  // --- 1. state ---------------------------------------------------------------------------------
  const kIdbName = 'canvass';
  const kIdbVersion = 1;
  const kJournal = 'journal';        // autoincrement seq -> record (JSON text)
  const kCheckpoint = 'checkpoint';  // 'latest' -> {seq, bytes, savedAt}
  const kProbe = 'probe';            // written and deleted at start-up to prove writes work
  const kLockName = 'canvass-store';
  // Below this much free quota (or twice the last checkpoint, if larger) the store counts as full:
  // a checkpoint may need room for a second copy of the file before the first is dropped.
  const kMinFreeBytes = 4 * 1024 * 1024;
  const kDurable = { durability: 'strict' };  // flushed to disk before 'complete' fires

  // Read by platform/web/storage_web.cpp. `state` is ready | unavailable | full | otherTab.
  const storage = {
    state: 'unavailable',
    detail: 'storage has not been checked yet',
    persisted: false,
    usage: -1,
    quota: -1,
    restored: null,       // the checkpoint's bytes, until C++ takes them (platform::database_location)
    pending: [],          // journal records newer than the checkpoint, until C++ takes them
    checkpointSeq: 0,     // the journal seq the restored or last written checkpoint covers
    checkpointBytes: 0,
    lastCompletedSeq: 0,  // the highest seq whose write transaction has completed
    append,
    checkpoint,
    takePending() { const records = storage.pending; storage.pending = []; return records; },
    refreshEstimate,
  };
  Module['canvassStorage'] = storage;

  let idb = null;

  // --- 2. start-up ------------------------------------------------------------------------------
  // Starts at once, so IndexedDB works while the wasm downloads; main() waits for it (preRun).
  let restored = false;  // only a restored store may be opened: a checkpoint of an empty one would replace it
  const started = startUp().catch((error) => {
    storage.state = restored && error.name === 'QuotaExceededError' ? 'full' : 'unavailable';
    storage.detail = `IndexedDB cannot be used: ${describe(error)}`;
  }).then(() => {
    if (Module['onCanvassStorage']) Module['onCanvassStorage'](storage.state, storage.detail);
  });

  Module['preRun'] = [].concat(Module['preRun'] || [], [function restoreBeforeMain() {
    addRunDependency('canvass-storage');
    started.then(() => removeRunDependency('canvass-storage'));
  }]);

  async function startUp() {
    if (!navigator.locks) {
      storage.detail = 'this browser cannot keep a second tab from writing at the same time (no Web Locks API; ' +
        'it needs HTTPS or localhost)';
      return;
    }
    if (!(await acquireLock())) {
      storage.state = 'otherTab';
      storage.detail = 'Canvass is open in another tab or window of this browser';
      reloadWhenOtherTabCloses();
      return;
    }
    if (typeof indexedDB === 'undefined' || !indexedDB) {
      storage.detail = 'this browser has no IndexedDB (it may be turned off, or in a private window)';
      return;
    }
    idb = await openDatabase();
    await restore();
    restored = true;
    await probeWrite();
    await refreshEstimate();
    askForPersistence();
    const free = storage.quota - storage.usage;
    const needed = Math.max(kMinFreeBytes, 2 * storage.checkpointBytes);
    if (storage.quota >= 0 && storage.usage >= 0 && free < needed) {
      storage.state = 'full';
      storage.detail = `storage is nearly full: ${free} bytes free of ${storage.quota}, and ${needed} are needed`;
      return;
    }
    storage.state = 'ready';
    storage.detail = `IndexedDB "${kIdbName}": checkpoint at seq ${storage.checkpointSeq} ` +
      `(${storage.checkpointBytes} bytes), ${storage.pending.length} journal records after it`;
  }

  // The lock is held for the page's lifetime: the browser releases it when the page goes away.
  function acquireLock() {
    return new Promise((resolve, reject) => {
      navigator.locks.request(kLockName, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock ? new Promise(() => {}) : undefined;
      }).catch(reject);
    });
  }

  // This tab touched nothing; once the other one closes, start again as the only one.
  function reloadWhenOtherTabCloses() {
    navigator.locks.request(kLockName, () => {}).then(() => location.reload(), () => {});
  }

  function openDatabase() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(kIdbName, kIdbVersion);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(kJournal)) db.createObjectStore(kJournal, { autoIncrement: true });
        if (!db.objectStoreNames.contains(kCheckpoint)) db.createObjectStore(kCheckpoint);
        if (!db.objectStoreNames.contains(kProbe)) db.createObjectStore(kProbe);
      };
      request.onsuccess = () => {
        const db = request.result;
        // A newer Canvass in another tab wants to upgrade, or the user cleared the site's data.
        db.onversionchange = () => { db.close(); lost('a newer Canvass opened the storage in another tab'); };
        db.onclose = () => lost('the browser closed the storage (site data cleared?)');
        resolve(db);
      };
      request.onerror = () => reject(request.error);
    });
  }

  function lost(why) {
    idb = null;
    storage.state = 'unavailable';
    storage.detail = why;
  }

  // Private modes and full disks often let open() succeed and fail the first write.
  async function probeWrite() {
    await transaction([kProbe], (tx) => tx.objectStore(kProbe).put(new Uint8Array(1024), 'probe'));
    await transaction([kProbe], (tx) => tx.objectStore(kProbe).delete('probe'));
  }

  // Reads the checkpoint and the records after it; drops records a checkpoint already covers
  // (left when a crash came between writing a checkpoint and deleting what it covers).
  function restore() {
    return transaction([kCheckpoint, kJournal], (tx) => {
      const journal = tx.objectStore(kJournal);
      const latest = tx.objectStore(kCheckpoint).get('latest');
      latest.onsuccess = () => {
        const checkpoint = latest.result;
        const seq = checkpoint ? checkpoint.seq : 0;
        if (checkpoint) {
          storage.restored = checkpoint.bytes;
          storage.checkpointSeq = seq;
          storage.checkpointBytes = checkpoint.bytes.length;
          journal.delete(IDBKeyRange.upperBound(seq));
        }
        storage.lastCompletedSeq = seq;
        const newer = IDBKeyRange.lowerBound(seq, true);
        const keys = journal.getAllKeys(newer);
        const values = journal.getAll(newer);
        values.onsuccess = () => {
          storage.pending = values.result.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
          if (keys.result.length) storage.lastCompletedSeq = keys.result[keys.result.length - 1];
        };
      };
    });
  }

  // --- 3. journal writes and checkpoints ---------------------------------------------------------
  // Runs `work(tx)` in a durable transaction: resolves when it has completed (is on disk),
  // rejects with the reason when it aborts.
  function transaction(stores, work) {
    return new Promise((resolve, reject) => {
      if (!idb) throw new DOMException(storage.detail, 'InvalidStateError');
      const tx = idb.transaction(stores, 'readwrite', kDurable);
      const result = work(tx);
      tx.oncomplete = () => resolve(result);
      tx.onabort = () => reject(tx.error || new DOMException('the write was aborted', 'AbortError'));
    });
  }

  // Calls platform/web/storage_web.cpp back with the outcome of request `id`.
  function settle(id, error) {
    if (error) {
      if (error.name === 'QuotaExceededError') {
        storage.state = 'full';
        storage.detail = `storage is full: ${describe(error)}`;
      }
      console.warn(`Canvass storage: ${describe(error)}`);
    }
    ccall('canvass_storage_done', null, ['number', 'number', 'string'], [id, error ? 0 : 1, error ? describe(error) : '']);
  }

  function append(record, id) {
    transaction([kJournal], (tx) => tx.objectStore(kJournal).add(record))
      .then((request) => {
        storage.lastCompletedSeq = Math.max(storage.lastCompletedSeq, request.result);
        settle(id, null);
      }, (error) => settle(id, error));
  }

  // `bytes` is a copy C++ took just now, so it holds exactly the changes C++ has committed. It
  // covers every record completed by now; records still in flight get higher seqs and are
  // replayed after it, which replay tolerates. The checkpoint goes in its own transaction so
  // journal writes never queue behind it.
  function checkpoint(bytes, id) {
    const covered = storage.lastCompletedSeq;
    transaction([kCheckpoint], (tx) => tx.objectStore(kCheckpoint).put({ seq: covered, bytes, savedAt: Date.now() }, 'latest'))
      .then(() => {
        storage.checkpointSeq = covered;
        storage.checkpointBytes = bytes.length;
        // If this clean-up is lost, start-up does it: records at or below the checkpoint's seq are never replayed.
        return transaction([kJournal], (tx) => tx.objectStore(kJournal).delete(IDBKeyRange.upperBound(covered)))
          .catch((error) => console.warn(`Canvass storage: clean-up after checkpoint: ${describe(error)}`));
      })
      .then(() => { settle(id, null); refreshEstimate(); }, (error) => settle(id, error));
  }

  function describe(error) {
    if (!error) return 'unknown error';
    return error.name && error.message ? `${error.name}: ${error.message}` : String(error.message || error);
  }

  // --- 4. estimates and persistence ---------------------------------------------------------------
  async function refreshEstimate() {
    if (!navigator.storage || !navigator.storage.estimate) return;
    try {
      const estimate = await navigator.storage.estimate();
      storage.usage = typeof estimate.usage === 'number' ? estimate.usage : -1;
      storage.quota = typeof estimate.quota === 'number' ? estimate.quota : -1;
    } catch (error) {
      console.warn(`Canvass storage: estimate: ${describe(error)}`);
    }
  }

  // Some browsers ask the user, so start-up does not wait for the answer.
  function askForPersistence() {
    if (!navigator.storage || !navigator.storage.persist) return;
    navigator.storage.persisted()
      .then((already) => already || navigator.storage.persist())
      .then((granted) => { storage.persisted = granted === true; }, () => {});
  }
})();
