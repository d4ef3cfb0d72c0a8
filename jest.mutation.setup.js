// Mutation runs only: a failing fast-check property stops at its first counterexample instead of
// shrinking it, since Stryker only needs to know that a test failed (shrinking made mutants time out).
const fc = require('fast-check');

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
