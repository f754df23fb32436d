import type { TestProject } from 'vitest/node';
import { type Emulator, startDynamoDbLocal, startMoto } from '../../infra/local/emulators.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    motoEndpoint: string;
  }
}

/**
 * Starts DynamoDB Local (in memory) and moto_server once per run. When Java or moto is missing
 * this throws, so the run fails with the install hint instead of skipping the tests.
 */
export default async function startEmulators(project: TestProject) {
  const emulators: Emulator[] = [];
  try {
    emulators.push(await startDynamoDbLocal({}));
    emulators.push(await startMoto());
  } catch (error) {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
    throw error;
  }
  const [dynamo, moto] = emulators as [Emulator, Emulator];
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('motoEndpoint', moto.endpoint);
  return async () => {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
  };
}
