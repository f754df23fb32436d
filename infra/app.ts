import { createOpsDeskApp } from './opsdesk-stack.ts';

// `cdk synth` / `cdk deploy` run this file (cdk.json); the App synthesizes on exit.
createOpsDeskApp();
