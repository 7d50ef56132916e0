/**
 * The statutory day counts of 《信访工作条例》 (2022) and the office's own defaults, in one place:
 * the services count deadlines with them, the screens' hints and the letters' wording quote them.
 * Plain numbers only, so the renderer can import this file.
 */

/** Art. 22–23: the acceptance decision, and the written notice, within 15 days of receipt. */
export const ACCEPT_DAYS = 15;
/** Art. 34: a reply within 60 days of acceptance. */
export const REPLY_DAYS = 60;
/** Art. 34: one extension, approved by the office's head, of at most 30 days. */
export const MAX_EXTENSION_DAYS = 30;
/** Art. 23: a unit may object to an assignment within 5 working days. */
export const OBJECTION_WORKING_DAYS = 5;
/** Art. 35: the petitioner asks for review within 30 days of receiving the opinion. */
export const REVIEW_REQUEST_DAYS = 30;
/** Art. 35: the reviewing body decides within 30 days of the request. */
export const REVIEW_DAYS = 30;
/** Art. 36: the petitioner asks for re-review within 30 days of receiving the review opinion. */
export const REREVIEW_REQUEST_DAYS = 30;
/** Art. 36: the re-reviewing body decides within 30 days of the request. */
export const REREVIEW_DAYS = 30;

/** The office's defaults (not statute): an assignment's deadline, a supervision's deadline. */
export const ASSIGN_DEFAULT_DAYS = 30;
export const SUPERVISE_DEFAULT_DAYS = 7;
