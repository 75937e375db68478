import { memoryStore } from './memory.ts';
import { responsesContract } from './test-responses-contract.ts';
import { storeContract } from './test-contract.ts';

storeContract('memory', async () => memoryStore());
responsesContract('memory', async () => memoryStore());
