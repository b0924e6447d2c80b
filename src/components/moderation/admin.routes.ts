/** The admin pages under /admin: users, categories, banned words and phones. One guard: admin + second factor. */
import { Router, type RequestHandler } from 'express';
import { renderPage } from '../../web/render.js';
import { ValidationError } from '../../core/errors.js';
import { parsePhone } from '../phones/index.js';
import type { AdminService } from './admin.service.js';
import { bannedForm, categoryForm, disableForm, mergeForm, roleForm } from './moderation.schemas.js';
import { actorOf, doneKey, parseOr422 } from './moderation.routes.js';
import { pathId } from '../../web/params.js';
import { bannedVM, categoriesVM, usersVM } from './moderation.view-models.js';

export function createAdminRouter(deps: { guard: RequestHandler[]; admin: AdminService }): Router {
  const router = Router();
  router.use(...deps.guard);
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  const { admin } = deps;

  router.get('/users', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    await renderPage(
      res,
      'moderation/admin-users',
      usersVM(await admin.users(q), q, doneKey(req.query.done), res.locals.currentUser!.id, res.locals.t),
      { title: res.locals.t('admin.usersTitle'), robots: 'noindex' },
    );
  });
  router.post('/users/:id/role', async (req, res) => {
    await admin.setRole(actorOf(res), pathId(req.params.id), parseOr422(roleForm, req.body).role);
    res.redirect(303, '/admin/users?done=role');
  });
  router.post('/users/:id/disable', async (req, res) => {
    await admin.disable(actorOf(res), pathId(req.params.id), parseOr422(disableForm, req.body).reason);
    res.redirect(303, '/admin/users?done=disabled');
  });
  router.post('/users/:id/enable', async (req, res) => {
    await admin.enable(actorOf(res), pathId(req.params.id));
    res.redirect(303, '/admin/users?done=enabled');
  });

  router.get('/categories', async (req, res) => {
    await renderPage(res, 'moderation/admin-categories', categoriesVM(await admin.categories(), doneKey(req.query.done), res.locals.lang), {
      title: res.locals.t('admin.categoriesTitle'),
      robots: 'noindex',
    });
  });
  router.post('/categories', async (req, res) => {
    await admin.addCategory(actorOf(res), parseOr422(categoryForm, req.body));
    res.redirect(303, '/admin/categories?done=added');
  });
  router.post('/categories/:id', async (req, res) => {
    await admin.updateCategory(actorOf(res), pathId(req.params.id), parseOr422(categoryForm, req.body));
    res.redirect(303, '/admin/categories?done=saved');
  });
  router.post('/categories/:id/merge', async (req, res) => {
    await admin.mergeCategory(actorOf(res), pathId(req.params.id), parseOr422(mergeForm, req.body).intoId);
    res.redirect(303, '/admin/categories?done=merged');
  });

  router.get('/banned', async (req, res) => {
    await renderPage(res, 'moderation/admin-banned', bannedVM(await admin.bannedTerms(), doneKey(req.query.done)), {
      title: res.locals.t('admin.bannedTitle'),
      robots: 'noindex',
    });
  });
  router.post('/banned', async (req, res) => {
    const form = parseOr422(bannedForm, req.body);
    const value = form.kind === 'phone' ? parsePhone(form.value)?.e164 : form.value;
    if (!value) throw new ValidationError({ value: 'admin.error.phone' }, 'admin.error.phone');
    await admin.addBannedTerm(actorOf(res), form.kind, value);
    res.redirect(303, '/admin/banned?done=added');
  });
  router.post('/banned/:id/delete', async (req, res) => {
    await admin.removeBannedTerm(actorOf(res), pathId(req.params.id));
    res.redirect(303, '/admin/banned?done=removed');
  });
  return router;
}
