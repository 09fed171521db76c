// Runs a dynalite-plus server on a LevelDB folder in a process of its own, so a test can kill it
// with SIGKILL: `node --import tsx test/dynalite-plus/serve.ts <folder>` prints its endpoint.
import { startDynalitePlus } from '../../packages/dynalite-plus/src/index.js';

const path = process.argv[2];
if (!path) throw new Error('usage: serve.ts <LevelDB folder>');
const server = await startDynalitePlus({ path });
process.stdout.write(`${server.endpoint}\n`);
