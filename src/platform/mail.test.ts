import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestSmtp } from '../../test/support/smtp.ts';
import { ConfigError, loadConfig } from './config.ts';
import { fileMailer, mailerFromConfig, smtpMailer } from './mail.ts';

describe('mail', () => {
  it('sends through a real SMTP server: sender, recipient, accented subject, text and an attachment', async () => {
    const smtp = await startTestSmtp();
    const mailer = smtpMailer(smtp.url, 'Comune di Monza <servizi@comune.example.it>');
    await mailer.send({
      to: 'resident@example.org',
      subject: 'Prenotazione confermata — codice PRE-2026-000001',
      text: 'Il tuo codice è PRE-2026-000001.\nÈ tutto.',
      attachments: [
        { filename: 'appuntamento.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar' },
      ],
    });
    mailer.close();
    const mail = await smtp.waitFor((m) => m.to.includes('resident@example.org'));
    expect(mail.from).toBe('servizi@comune.example.it');
    expect(mail.subject).toBe('Prenotazione confermata — codice PRE-2026-000001');
    expect(mail.text).toContain('Il tuo codice è PRE-2026-000001.');
    expect(mail.attachments).toEqual([
      expect.objectContaining({ filename: 'appuntamento.ics', body: expect.stringContaining('BEGIN:VCALENDAR') }),
    ]);
  });

  it('reports a temporary SMTP failure to the caller', async () => {
    const smtp = await startTestSmtp();
    smtp.failNext(1);
    const mailer = smtpMailer(smtp.url, 'servizi@comune.example.it');
    await expect(mailer.send({ to: 'a@example.org', subject: 's', text: 't' })).rejects.toThrow();
    await mailer.send({ to: 'a@example.org', subject: 'second', text: 't' });
    mailer.close();
    expect((await smtp.waitFor()).subject).toBe('second');
  });

  it('without SMTP_URL writes each message as an .eml file under DATA_DIR/mail', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'seg-mail-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const mailer = mailerFromConfig(config);
    expect(mailer.kind).toBe('file');
    await mailer.send({ to: 'b@example.org', subject: 'Codice di verifica', text: 'Codice: 123456' });
    const files = await readdir(path.join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = await readFile(path.join(dataDir, 'mail', files[0] ?? ''), 'utf8');
    expect(eml).toContain('To: b@example.org');
    expect(eml).toContain('Codice: 123456');
  });

  it('a file mailer creates its folder on first use', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'seg-mail-')), 'nested', 'mail');
    await fileMailer(dir, 'x@example.org').send({ to: 'c@example.org', subject: 's', text: 't' });
    expect(await readdir(dir)).toHaveLength(1);
  });
});

describe('mail configuration', () => {
  it('accepts smtp and smtps URLs and needs MAIL_FROM with them', () => {
    expect(
      loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.it:465', MAIL_FROM: 'Comune <s@example.it>' }),
    ).toMatchObject({
      smtpUrl: 'smtps://u:p@mail.example.it:465',
      mailFrom: 'Comune <s@example.it>',
    });
    expect(loadConfig({}).smtpUrl).toBeUndefined();
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.it' }, 'SMTP_URL', 'an smtp:// or smtps:// URL'],
    [{ SMTP_URL: 'not a url' }, 'SMTP_URL', 'a URL like smtp://'],
    [{ SMTP_URL: 'smtp://mail.example.it:25' }, 'MAIL_FROM', 'to be set when SMTP_URL is set'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM', 'an address like'],
  ])('rejects %j naming %s', (env, variable, expected) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain(expected);
  });

  it('never echoes the SMTP password in an error', () => {
    expect(() => loadConfig({ SMTP_URL: 'ftp://user:s3cr3t@mail.example.it' })).toThrow(/^(?!.*s3cr3t)/s);
  });
});
