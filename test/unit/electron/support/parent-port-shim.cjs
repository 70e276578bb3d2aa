// Stands in for Electron's process.parentPort when the core bundle runs under plain Node in tests:
// messages from the test arrive over Node's IPC channel as { data }, as Electron delivers them.
const { EventEmitter } = require('node:events');

const port = new EventEmitter();
port.postMessage = (message) => process.send(message);
process.on('message', (data) => port.emit('message', { data }));
process.parentPort = port;
