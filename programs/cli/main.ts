import { main } from './run';

// `npx shouwen …` (bin/shouwen.js runs this file with tsx). The exit code is set rather than
// forced, so pending output is flushed; every command closes its connections.
process.exitCode = await main(process.argv.slice(2));
