// pouchdb-server 4.2.0 crashes on `PUT /db` (pouchdb/pouchdb-server#374: its route calls
// `db.info` on the promise `PouchDB.new` returns once the security plugin wraps it). Loaded with
// `node -r`, this puts a route in front that awaits the promise; everything else is the server's.
'use strict';
const Module = require('module');
const path = require('path');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const out = load.apply(this, arguments);
  const file = Module._resolveFilename(request, parent);
  if (!/express-pouchdb[\\/]lib[\\/]routes[\\/]db\.js$/.test(file)) {
    return out;
  }
  const utils = require(path.join(path.dirname(file), '../utils'));
  const cleanFilename = require(path.join(path.dirname(file), '../clean-filename'));
  return function (app) {
    app.put('/:db', utils.jsonParser, function (req, res) {
      const name = cleanFilename(req.params.db);
      req.PouchDB.allDbs()
        .then(function (dbs) {
          if (dbs.indexOf(name) !== -1) {
            return utils.sendJSON(res, 412, { error: 'file_exists', reason: 'The database could not be created.' });
          }
          return Promise.resolve(req.PouchDB.new(name, utils.makeOpts(req)))
            .then(function (db) { return db.info(); })
            .then(function () {
              utils.setLocation(res, name);
              utils.sendJSON(res, 201, { ok: true });
            });
        })
        .catch(function (err) { utils.sendError(res, err, 412); });
    });
    out(app);
  };
};
