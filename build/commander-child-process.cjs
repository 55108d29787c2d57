// What commander gets for `require('node:child_process')` in attach's bundle (tsup.config.ts).
// commander loads child_process when it loads, for commands that run other programs
// (`git-style` executables); attach declares none, and loading it (with net, dgram and
// streams) cost about 7 ms of every start. It is loaded here only if commander spawns.
module.exports = {
  spawn: (...args) => require('node:child_process').spawn(...args),
};
