import { buildConsole } from '../launcher/console-build';

// `npm run build:web`: the same build `npm start` makes, recorded so that npm start serves it as is.
await buildConsole(process.cwd());
