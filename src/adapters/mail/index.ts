export {
  classifySmtpError,
  complainantUrl,
  createMailDeliveryPort,
  MAIL_SURFACE,
  type MailDeliveryOptions,
  messageIdOf,
} from './delivery.js';
