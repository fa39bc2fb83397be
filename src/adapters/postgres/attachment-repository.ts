import type { AttachmentRepository } from '../../app/attachments-port.js';
import type { Database } from './database.js';

/** The drizzle implementation of AttachmentRepository (issue 11). */
export function attachmentRepository(_db: Database): AttachmentRepository {
  const todo = (): never => {
    throw new Error('not implemented yet');
  };
  return {
    insertAttachment: todo,
    listAttachments: todo,
    attachmentBytes: todo,
    readAttachment: todo,
  };
}
