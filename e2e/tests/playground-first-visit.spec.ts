/**
 * A first visit to the playground (issue 25): a fresh profile opens on the starter project,
 * running, with its answer on screen and no click; the template gallery is one click away and
 * still makes a project from the template picked.
 */
import { expect, test } from '../fixtures/swerve.ts';
import { DEPLOY_TIMEOUT, PLAYGROUND } from '../fixtures/playground.ts';

test.use({ playgroundStarter: true });

test('a first visit shows the starter running with its answer, and a template is one click away', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  // No dialog in the way: the starter's handler in the editor, its answer in the response pane.
  await expect(page.getByTestId('response-body')).toHaveText('Hello from JavaScript at /!', {
    timeout: DEPLOY_TIMEOUT,
  });
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByRole('dialog', { name: 'New project' })).toBeHidden();
  await expect(page.getByTestId('project')).toHaveCount(1);
  await expect(page.getByTestId('editor')).toContainText("addEventListener('fetch'");
  await page.screenshot({ path: test.info().outputPath('first-visit.png') });

  // The gallery: one click on New, then the template picked becomes the open project and answers.
  await page.getByTestId('new-project').click();
  await page.getByTestId('source-js:itty-router').click();
  await expect(page.getByTestId('project')).toHaveCount(2, { timeout: DEPLOY_TIMEOUT });
  await expect(page.getByTestId('response-body')).toContainText('Hello, Spin!', { timeout: DEPLOY_TIMEOUT });

  // A reload is not a first visit: no second starter.
  await page.reload();
  await expect(page.getByTestId('project')).toHaveCount(2);
});
