// Create, edit and delete staff, products, clients, contact persons and orders, with the
// validation messages next to the fields, and everything still there after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, freshBrowser, ready } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

const fieldError = (page, name) => page.locator(`label.field:has([name="${name}"]) .error`);

test('records are created, validated, edited and deleted', async () => {
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await page.goto(server.url);
    await ready(page);
    await page.click('#load-demo');
    await page.waitForSelector('[data-count="clients"]');

    // Staff.
    await page.goto(server.url + '#/staff');
    await page.click('#new-staff');
    await page.fill('[name="staff_email"]', 'x@');
    assert.match(await fieldError(page, 'staff_email').innerText(), /домен/);
    await page.click('#save-staff');
    assert.match(await fieldError(page, 'staff_name').innerText(), /наименование/i);
    await page.fill('[name="staff_name"]', 'Тестова Анна Сергеевна');
    await page.fill('[name="staff_email"]', 'testova@lavr-venets.ru');
    await page.fill('[name="capacity"]', '40');
    await page.click('#save-staff');
    await page.waitForSelector('td >> text=Тестова Анна Сергеевна');
    assert.match(await page.innerText('tr:has-text("Тестова Анна Сергеевна")'), /0 \/ 40/);
    await page.click('tr:has-text("Тестова Анна Сергеевна") >> text=Изменить');
    await page.fill('[name="staff_name"]', 'Тестова-Ильина Анна Сергеевна');
    await page.click('#save-staff');
    await page.waitForSelector('td >> text=Тестова-Ильина Анна Сергеевна');

    // Products: a price typed the Russian way.
    await page.goto(server.url + '#/products');
    await page.waitForSelector('tbody tr');
    // Every demo product has its English name for the demo's foreign clients.
    assert.equal(await page.locator('#missing-en').count(), 0);
    await page.click('#new-product');
    await page.fill('[name="product_price"]', '12,345');
    assert.match(await fieldError(page, 'product_price').innerText(), /1200/);
    await page.click('#save-product');
    assert.match(await fieldError(page, 'letter_form').innerText(), /множественном/);
    await page.fill('[name="product_name"]', 'Кубок тестовый');
    await page.fill('[name="letter_form"]', 'тестовые кубки');
    await page.fill('[name="category"]', 'Кубки');
    await page.fill('[name="product_price"]', '1 500,50');
    await page.click('#save-product');
    const productRow = page.locator('tr:has-text("Кубок тестовый")');
    await productRow.waitFor();
    assert.match(await productRow.innerText(), /1\s500,50\s₽/);
    // Without an English name it is marked, and the catalogue says what English letters will do.
    assert.match(await productRow.innerText(), /EN\?/);
    assert.match(await page.innerText('#missing-en'), /^1 изделие без названия для писем на английском/);

    // A new client with a contact person, checked field by field.
    await page.goto(server.url + '#/clients/new');
    await page.click('#save-client');
    assert.match(await fieldError(page, 'name').innerText(), /наименование/i);
    await page.fill('[name="name"]', 'Тестовая организация');
    await page.fill('[name="legal_form"]', 'ООО');
    await page.fill('[name="inn"]', '7707083894');
    assert.match(await fieldError(page, 'inn').innerText(), /Контрольные цифры/);
    await page.fill('[name="inn"]', '7707083893');
    assert.equal(await fieldError(page, 'inn').innerText(), '');
    await page.fill('[name="phone"]', '8 912 000 11 22');
    await page.fill('[name="email"]', 'Office@Test-Org.ru');
    await page.fill('[name="postcode"]', '62001');
    assert.match(await fieldError(page, 'postcode').innerText(), /6 цифр/);
    await page.fill('[name="postcode"]', '620014');
    await page.fill('[name="city"]', 'Екатеринбург');
    await page.click('text=+ контактное лицо');
    await page.fill('[name="contact_last"]', 'Петрова');
    await page.fill('[name="contact_first"]', 'Анна');
    await page.fill('[name="contact_patronymic"]', 'Сергеевна');
    await page.selectOption('[name="contact_gender"]', 'female');
    await page.click('#save-client');
    await page.waitForURL(/#\/clients\/[0-9a-f-]{36}$/);
    await page.waitForSelector('#client-title >> text=ООО «Тестовая организация»');
    const clientUrl = page.url();

    // An order with a catalogue product; edit it; delete it.
    await page.click('#add-order');
    await page.selectOption('[name="line_product"]', { label: 'Кубок тестовый' });
    await page.fill('[name="line_qty"]', '0');
    await page.click('#save-order');
    assert.match(await page.locator('label.field:has([name="line_qty"]) .error').innerText(), /не меньше 1/);
    await page.fill('[name="line_qty"]', '3');
    await page.click('#save-order');
    const orderRow = page.locator('.orders-table tbody tr');
    await orderRow.first().waitFor();
    assert.equal(await orderRow.count(), 1);
    assert.match(await orderRow.innerText(), /Кубок тестовый × 3/);
    assert.match(await orderRow.innerText(), /4\s501,50\s₽/);
    await orderRow.locator('text=Изменить').click();
    await page.fill('[name="line_qty"]', '2');
    await page.click('#save-order');
    await page.waitForSelector('.orders-table >> text=Кубок тестовый × 2');

    // Everything survives a reload.
    await page.reload();
    await ready(page);
    await page.waitForSelector('#client-title');
    assert.equal(page.url(), clientUrl);
    assert.equal(await page.inputValue('[name="contact_patronymic"]'), 'Сергеевна');
    assert.equal(await page.inputValue('[name="contact_gender"]'), 'female');
    // Orders and history arrive just after the first paint.
    await page.locator('.orders-table tbody tr').first().waitFor();
    assert.match(await page.innerText('.orders-table'), /3\s001\s₽/);
    await page.locator('.history tbody tr').first().waitFor();
    assert.match(await page.innerText('.history'), /Петрова Анна Сергеевна/);

    await page.locator('.orders-table tbody tr >> text=Удалить').click();
    await page.waitForFunction(() => document.querySelectorAll('.orders-table tbody tr').length === 0);

    // Delete the client: it is gone from the list and stays gone.
    await page.click('#delete-client');
    await page.waitForURL(/#\/clients$/);
    await page.fill('#client-search', 'Тестовая организация');
    await page.waitForSelector('.empty');
    await page.reload();
    await ready(page);
    await page.fill('#client-search', '7707083893');
    await page.waitForSelector('.empty');

    // The product and the staff member are deleted too.
    await page.goto(server.url + '#/products');
    await page.locator('tr:has-text("Кубок тестовый") >> text=Удалить').click();
    await page.waitForFunction(() => !document.body.innerText.includes('Кубок тестовый'));
    await page.goto(server.url + '#/staff');
    await page.locator('tr:has-text("Тестова-Ильина") >> text=Удалить').click();
    await page.waitForFunction(() => !document.body.innerText.includes('Тестова-Ильина'));
    await page.reload();
    await ready(page);
    assert.ok(!(await page.innerText('main')).includes('Тестова-Ильина'));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
