import { memoryStore } from './memory.ts';
import { alarmsContract } from './test-alarms-contract.ts';
import { auditContract } from './test-audit-contract.ts';
import { pushContract } from './test-push-contract.ts';
import { responsesContract } from './test-responses-contract.ts';
import { storeContract } from './test-contract.ts';
import { timersContract } from './test-timers-contract.ts';

storeContract('memory', async () => memoryStore());
alarmsContract('memory', async () => memoryStore());
auditContract('memory', async () => memoryStore());
pushContract('memory', async () => memoryStore());
timersContract('memory', async () => memoryStore());
responsesContract('memory', async () => memoryStore());
