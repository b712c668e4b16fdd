// The validating webhook: refuses what the CRD schema cannot express.
// #region validator
import {
  Admission,
  Validator,
  type AdmissionContext,
  type CustomValidator,
  type FieldCause,
} from '@score-orchestrator/operator-sdk';
import { Bookmark } from './bookmark.resource.js';

@Validator({ for: Bookmark, operations: ['CREATE', 'UPDATE', 'DELETE'], timeoutSeconds: 5 })
export class BookmarkValidator implements CustomValidator<Bookmark> {
  validateCreate(bookmark: Bookmark) {
    return verdict(problems(bookmark));
  }

  validateUpdate(old: Bookmark, bookmark: Bookmark) {
    const causes = problems(bookmark);
    if (old.spec.url !== bookmark.spec.url) {
      causes.push({ field: 'spec.url', message: 'field is immutable', type: 'FieldValueForbidden' });
    }
    return verdict(causes);
  }

  validateDelete(bookmark: Bookmark, ctx: AdmissionContext) {
    if (!bookmark.spec.protected) return Admission.allowed();
    ctx.logger.info('refused to delete a protected bookmark');
    return Admission.denied('bookmark is protected; set spec.protected to false first');
  }
}

function problems(bookmark: Bookmark): FieldCause[] {
  const causes: FieldCause[] = [];
  if (!bookmark.spec.url.startsWith('https://')) {
    causes.push({ field: 'spec.url', message: 'must start with https://' });
  }
  const tags = bookmark.spec.tags ?? [];
  tags.forEach((tag, i) => {
    if (tags.indexOf(tag) !== i) {
      causes.push({
        field: `spec.tags[${i}]`,
        message: `duplicate tag "${tag}"`,
        type: 'FieldValueDuplicate',
      });
    }
  });
  return causes;
}

function verdict(causes: FieldCause[]) {
  if (causes.length === 0) return Admission.allowed();
  return Admission.denied('invalid bookmark', { causes });
}
// #endregion validator
