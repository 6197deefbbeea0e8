import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** A file attached to a message, e.g. the ICS of an appointment. */
export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

/**
 * One message. Messages carry no personal data beyond what the recipient entered themselves:
 * a code, a reference and a link — never a need, a reason or free text.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: readonly MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** What the entrypoint hands to route modules that send mail: `register<M>(app, deps)` with deps.mailer. */
export interface MailDeps {
  mailer: Mailer;
}

export interface MailConfig {
  smtpUrl: string | undefined;
  mailFrom: string;
  dataDir: string;
}

function toNodemailer(from: string, message: MailMessage) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    ...(message.attachments
      ? {
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        }
      : {}),
  };
}

/** Sends through an SMTP server (smtp:// or smtps:// URL with optional credentials). */
export function smtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail(toNodemailer(from, message));
    },
    close() {
      transport.close();
    },
  };
}

/**
 * Development without SMTP: each message becomes an .eml file under `<dir>` (open it with any mail
 * client). Nothing of the message is logged.
 */
export function fileMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail(toNodemailer(from, message));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(path.join(dir, `${stamp}-${randomUUID()}.eml`), info.message as Buffer, { mode: 0o600 });
    },
  };
}

/** The configured mailer: SMTP when SMTP_URL is set, otherwise .eml files in DATA_DIR/mail. */
export function mailerFromConfig(config: MailConfig): Mailer & { kind: 'smtp' | 'file'; close(): void } {
  if (config.smtpUrl) return { kind: 'smtp', ...smtpMailer(config.smtpUrl, config.mailFrom) };
  return { kind: 'file', ...fileMailer(path.join(config.dataDir, 'mail'), config.mailFrom), close() {} };
}
