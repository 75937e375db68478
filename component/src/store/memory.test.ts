import { memoryStore } from './memory.ts';
import { storeContract } from './test-contract.ts';

storeContract('memory', async () => memoryStore());
