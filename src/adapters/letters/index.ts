export { createLetterRenderer, renderLetter } from './pdf-letter.js';
export { LETTER_DOWNLOAD_DAYS, LETTER_DOWNLOAD_PATH, letterRoutes } from './routes.js';
