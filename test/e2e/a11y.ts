import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * axe-core over what the screen shows now, against WCAG 2 A and AA. Soft, so one screenshot's
 * findings do not hide the next screen's; the test still fails at its end. No rule is disabled.
 */
export async function expectNoA11yViolations(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const findings = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n` +
      violation.nodes.map((node) => `  ${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('\n'),
  );
  expect.soft(findings, `accessibility of ${name}`).toEqual([]);
}
