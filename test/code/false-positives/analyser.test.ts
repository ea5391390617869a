/**
 * Readings of real OCA code that made rules fire wrongly, fixed in the analyser's own indexing
 * (server/src/code/python/scan.ts, server/src/code/analyse.ts) rather than in one rule.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addon, analyse, cleanTrees, hits } from '../support.ts';

afterAll(cleanTrees);

const ACCESS_HEADER = 'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink';

describe('the analyser reads', () => {
  it('`_inherit = [_name, …]` as extending the model named by _name, not as a new model (server-tools base_custom_info)', async () => {
    const files = addon({
      'models/res_partner.py': `from odoo import models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = [_name, "mail.activity.mixin"]


class Gadget(models.Model):  # a new model, for contrast
    _name = "test.gadget"
    _inherit = ["mail.thread"]
`,
    });
    const analysis = await analyse(files);
    // Only the new model lacks a description and access rows; res.partner is Odoo's.
    expect(hits(analysis, 'custom_code.model-without-description')).toEqual(['test_mod/models/res_partner.py:9']);
    expect(hits(analysis, 'custom_code.model-without-access')).toEqual(['test_mod/models/res_partner.py:9']);
  });

  it('access rows whose columns are written `model_id/id` and `group_id/id`, as Odoo does', async () => {
    const model = 'from odoo import models\n\n\nclass Thing(models.Model):\n    _name = "test.thing"\n    _description = "T"\n';
    const slashHeader = ACCESS_HEADER.replace('model_id:id', 'model_id/id').replace('group_id:id', 'group_id/id');
    const granted = await analyse(addon({ 'models/thing.py': model, 'security/ir.model.access.csv': `${slashHeader}\naccess_thing,thing,model_test_thing,base.group_user,1,1,1,1\n` }));
    expect(hits(granted, 'custom_code.model-without-access')).toEqual([]);
    // The group column is read too: a row for internal users is not "every user".
    expect(hits(granted, 'custom_code.acl-public-write')).toEqual([]);
    const open = await analyse(addon({ 'models/thing.py': model, 'security/ir.model.access.csv': `${slashHeader}\naccess_thing,thing,model_test_thing,,1,1,1,1\n` }));
    expect(hits(open, 'custom_code.acl-public-write')).toEqual(['test_mod/security/ir.model.access.csv:2']);
  });
});
