// `npm test` starts here: every script must run on the pinned Node 24 LTS
// (node_modules/.bin/node from the `node` devDependency), never on the
// machine's end-of-life Node 20. See DEVELOPERS.md.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `bleep: expected Node 24 LTS, got ${process.version}. Run the scripts through npm (npm test, npm start) so the pinned Node is first on PATH.`,
  );
  process.exit(1);
}
