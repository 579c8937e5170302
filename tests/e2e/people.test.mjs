// Who is at this computer: a person picks themselves, the app opens on their work, and what they
// do carries their name. Also: a queue planned on an empty base fills when the base arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, freshBrowser, ready } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

/** Picks the person whose option starts with `name` in the picker `select`. */
async function pick(page, select, name) {
  // A section's page arrives with its piece of the wasm, a moment after the address changes.
  await page.waitForSelector(select);
  const value = await page.$eval(select, (s, n) => [...s.options].find((o) => o.textContent.startsWith(n))?.value, name);
  assert.ok(value, `${name} is offered in ${select}`);
  await page.selectOption(select, value);
}

/** Opens the app's bare address (no page in it) and waits for where it lands. */
async function openBare(page, pattern) {
  await page.goto(server.url);
  await ready(page);
  await page.waitForURL(pattern);
}

test('who is here: each role starts at its work, and what they do carries their name', async () => {
  const b = await freshBrowser();
  const page = b.page;
  try {
    // Letters opened before there is a base: nothing to write to, and the day is not lost.
    await page.goto(server.url + '#/letters');
    await ready(page);
    assert.equal(await page.locator('#queue-list li').count(), 0);
    await page.goto(server.url + '#/');
    await page.click('#load-demo');
    await page.waitForSelector('[data-count="clients"]');
    await page.goto(server.url + '#/letters');
    await page.waitForSelector('#queue-list li');
    assert.equal(await page.locator('#queue-list li').count(), 40, 'the day is filled once the base is there');
    await page.reload();
    await ready(page);
    await page.waitForSelector('#queue-list li');
    assert.equal(await page.locator('#queue-list li').count(), 40, 'and stays filled after a reload');

    // The demo company opens as its letter writer: the menu says so, the bare address opens his queue.
    await page.waitForFunction(() => {
      const sel = document.querySelector('#nav-person');
      return sel.options[sel.selectedIndex]?.textContent.startsWith('Иван Петрович Петров');
    });
    await openBare(page, /#\/letters$/);

    // A computer where nobody has chosen yet (the choice is kept per browser): the home page
    // asks, with no passwords promised, and the first choice opens that person's work.
    await page.evaluate(() => localStorage.removeItem('pismo.person'));
    await page.goto(server.url + '#/');
    await page.reload();
    await ready(page);
    await page.waitForSelector('.who-is-here');
    assert.match(await page.innerText('.who-is-here'), /Паролей в приложении нет/);
    await pick(page, '#home-person', 'Иван Петрович Петров');
    await page.waitForURL(/#\/letters$/);
    await page.goto(server.url + '#/');
    await page.waitForSelector('.tiles');
    assert.equal(await page.locator('.who-is-here').count(), 0, 'asked once');

    // Each role's start page, the person chosen in the menu or in the settings.
    await pick(page, '#nav-person', 'Алексей Николаевич Лавров');
    await openBare(page, /#\/dashboard$/);
    await pick(page, '#nav-person', 'Виктория Андреевна Белова');
    await openBare(page, /#\/corporate$/);
    await pick(page, '#nav-person', 'Светлана Юрьевна Орлова');
    await openBare(page, /#\/clients\/quality$/);
    await page.goto(server.url + '#/settings');
    await pick(page, '#settings-person', 'Андрей Викторович Соколов');
    await openBare(page, /#\/staff\/[0-9a-f-]{36}$/);
    await page.waitForSelector('h1 >> text=Андрей Викторович Соколов');
    // The choice is this browser's: it survives a reload.
    await page.reload();
    await ready(page);
    assert.match(await page.$eval('#nav-person', (s) => s.options[s.selectedIndex].textContent), /Соколов/);

    // A call and an edit made at this computer are signed with the salesperson's name.
    await page.goto(server.url + '#/clients/new');
    await page.fill('[name="name"]', 'Гимназия № 9');
    await page.fill('[name="city"]', 'Тверь');
    await page.click('#save-client');
    await page.waitForURL(/#\/clients\/[0-9a-f-]{36}$/);
    await page.fill('#activity-text', 'Позвонил завучу, ждут каталог');
    await page.click('#log-activity');
    const call = page.locator('#activities tr', { hasText: 'Позвонил завучу' });
    await call.waitFor();
    assert.match(await call.innerText(), /Андрей Викторович Соколов/);
    await page.fill('[name="city"]', 'Тверь, Заволжский р-н');
    await page.click('#save-client');
    const edit = page.locator('.history tr', { hasText: 'Заволжский' });
    await edit.waitFor();
    assert.match(await edit.innerText(), /Андрей Викторович Соколов/);
    await page.goto(server.url + '#/clients/changes');
    const feed = page.locator('#changes tr', { hasText: 'Заволжский' });
    await feed.waitFor();
    assert.match(await feed.innerText(), /Андрей Викторович Соколов/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
