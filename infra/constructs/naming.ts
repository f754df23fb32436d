/**
 * Naming conventions shared by the construct and the infra tests, so a test can map a synthesized
 * resource back to the manifest entry it came from without relying on generated logical ids.
 */

/** Tag carried by every OpsDesk Lambda function: its manifest name. */
export const functionNameTag = 'opsdesk:function';

/** `incident-intake` → `IncidentIntake`, used for construct ids. */
export const pascalCase = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** Description of the EventBridge rule that fires a manifest schedule. */
export const scheduleDescription = (functionName: string, scheduleName: string): string =>
  `OpsDesk schedule ${functionName}/${scheduleName}`;

/** Description of the EventBridge rule that routes a manifest event rule. */
export const ruleDescription = (functionName: string, ruleName: string): string =>
  `OpsDesk rule ${functionName}/${ruleName}`;
