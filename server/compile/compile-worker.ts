import { checkDiagram } from '../../bpmn/check-diagram';
import type { CompileJob } from './compile-pool';
import { serveJobs } from './worker-thread';

// Runs in the API's compile threads (compile-pool.ts), never on its event loop.
serveJobs((job: CompileJob) => checkDiagram(job.xml, job.options, job.forms));
