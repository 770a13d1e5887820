// See modules.js: the copy loaded once for all test files.
module.exports = globalThis.__seedanceShared['n8n-workflow'];
