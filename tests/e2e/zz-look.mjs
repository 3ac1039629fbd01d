import { serve, launch, waitReady } from './harness.mjs';
const server = await serve(); const browser = await launch();
for (const [w, hgt] of [[1366, 768], [390, 844]]) {
  for (const lang of ['', 'en']) {
    const ctx = await browser.newContext({ viewport: { width: w, height: hgt } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}${lang ? '?lang=en' : ''}#/team`); await waitReady(page);
    await page.waitForSelector('#team-trend svg');
    await page.selectOption('#subject', 'E1001');
    await page.waitForSelector('#person-trend svg');
    await page.locator('#person-trend').screenshot({ path: `artifacts/look-person-trend-${w}-${lang || 'zh'}.png` });
    await page.locator('#person-notes').screenshot({ path: `artifacts/look-person-notes-${w}-${lang || 'zh'}.png` });
    await page.locator('#team-trend').screenshot({ path: `artifacts/look-team-trend-${w}-${lang || 'zh'}.png` });
    await page.goto(`${server.url}${lang ? '?lang=en' : ''}#/quarterly`); await waitReady(page);
    await page.waitForSelector('#quarterly-report');
    await page.screenshot({ path: `artifacts/look-quarterly-${w}-${lang || 'zh'}.png`, fullPage: true });
    await ctx.close();
  }
}
await browser.close(); await server.close();
