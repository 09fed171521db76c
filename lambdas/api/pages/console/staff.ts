// The staff console's own script: sign in, then the cases and bulk panels.
import { TOKEN, api, token } from './api.js';
import { downloadReport, dropPlan, confirmCount, dryRun, listRuns, runAction, startBulk } from './bulk.js';
import { find, findQuery, retryIssue } from './cases.js';
import { dropPreview, previewRegeneration, regenerate } from './regeneration.js';
import { $, config, el } from './dom.js';
import { type Problem, fieldError, problem, say } from './problems.js';
import { finishSignIn, signOut, startSignIn } from './sign-in.js';

function show(): void {
  const signedIn = !!token();
  $('signin').hidden = signedIn;
  $('app').hidden = !signedIn;
  if (!signedIn) return;
  api<{ name: string }>('GET', '/me').then(
    (me) => {
      $('who').textContent = me.name;
      listRuns();
      find(new URLSearchParams());
    },
    (e: Problem) => {
      say(problem(e), true);
      show();
    },
  );
}

/** The reason typed for a regeneration, or null after saying it is missing. */
function regenerationReason(): string | null {
  const reason = $<HTMLTextAreaElement>('reason').value.trim();
  if (!reason) {
    fieldError('regenerate-error', { code: 'REASON_MISSING' });
    return null;
  }
  return reason;
}

config.docTypes.forEach((t) => {
  $('bulk-type').appendChild(el('option', { value: t.id }, [t.name]));
});
config.docTypes.forEach((t) => {
  $('find-type').appendChild(el('option', { value: t.id }, [t.name]));
});
$('find-form').addEventListener('submit', (e) => {
  e.preventDefault();
  find(findQuery());
});
$('case-retry').addEventListener('click', retryIssue);
$('regenerate-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (regenerationReason() !== null) previewRegeneration();
});
$('regenerate-confirm').addEventListener('click', () => {
  const reason = regenerationReason();
  if (reason !== null) regenerate(reason);
});
$('regenerate-discard').addEventListener('click', dropPreview);
$('bulk-form').addEventListener('submit', (e) => {
  e.preventDefault();
  dryRun();
});
// A changed filter makes the shown plan stale: it must be previewed again.
['bulk-type', 'bulk-from', 'bulk-to'].forEach((id) => {
  $(id).addEventListener('change', dropPlan);
});
$('bulk-confirm-count').addEventListener('input', confirmCount);
$('bulk-confirm-form').addEventListener('submit', (e) => {
  e.preventDefault();
  startBulk();
});
$('bulk-discard').addEventListener('click', dropPlan);
$('bulk-cancel').addEventListener('click', () => {
  runAction('cancel');
});
$('bulk-resume').addEventListener('click', () => {
  runAction('resume');
});
$('bulk-report').addEventListener('click', downloadReport);
$('signout').addEventListener('click', () => {
  signOut(show);
});
if (config.oidc) {
  $('signin-oidc').addEventListener('click', startSignIn);
} else {
  $('signin-dev').addEventListener('click', () => {
    const input = $<HTMLTextAreaElement>('dev-token');
    const typed = input.value.trim();
    if (!typed) {
      say('请粘贴开发令牌。', true);
      return;
    }
    sessionStorage.setItem(TOKEN, typed);
    input.value = '';
    say('');
    show();
  });
}
const params = new URLSearchParams(location.search);
if (config.oidc && (params.get('code') || params.get('error'))) {
  finishSignIn(params)
    .catch((e: Problem) => {
      say(problem(e), true);
    })
    .then(show);
} else {
  show();
}
