// Runs the CLI from source in a real process (the same main() that bin/attache.js runs from dist/).
import { main } from '../../src/main.js';

process.exitCode = await main(process.argv.slice(2), process.env);
