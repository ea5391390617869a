/**
 * CodeSource: where the source of an instance's custom addons comes from, analysed with every scan
 * of the instance (server/src/jobs/code-source.ts). Field `Instance.codeSource`; mutations
 * `setCodeSource` (an uploaded archive, or a git repository cloned at each scan) and `removeCodeSource`.
 *
 * Checked when set, so that a scan does not find out: an archive is extracted into a temporary
 * directory under the intake's limits and must hold an Odoo module (nothing is stored otherwise, and
 * the directory is removed); a git URL must name an allowed host (PULSE_GIT_HOSTS) and is not cloned
 * until a scan. Git credentials (the URL's user part) are encrypted like instance secrets and never
 * returned: `url` shows `***@` in their place.
 */
import { CodeInputError } from '../../code/errors.ts';
import { checkArchive, checkArchiveSize } from '../../code-sources/archive.ts';
import { codeSourceSecretContext, displayedGitUrl, GitSourceError, parseGitSource } from '../../code-sources/git-url.ts';
import type { Prisma } from '../../db/client.ts';
import { encryptSecret } from '../../security/secrets.ts';
import { builder, type AuthenticatedContext, type InstanceRow } from '../builder.ts';
import { ownActiveInstance } from '../data/own-instance.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import { uploadedFileName, type UploadedFile } from '../upload.ts';
import { InstanceRef } from './instance.ts';

export const CodeSourceKindEnum = builder.enumType('CodeSourceKind', {
  description: 'archive: an uploaded tar.gz, tar or zip, kept by the server; git: a repository cloned at each scan.',
  values: ['archive', 'git'] as const,
});

export const CodeSourceRef = builder.prismaObject('CodeSource', {
  description:
    "The source of the instance's custom addons, analysed with every scan: findings in modules the instance has installed are scored, code of modules it does not have is reported but not scored, and an installed custom module missing from the source is a finding.",
  select: { instanceId: true },
  findUnique: (source) => ({ instanceId: source.instanceId }),
  fields: (t) => ({
    kind: t.expose('kind', { type: CodeSourceKindEnum }),
    url: t.string({
      nullable: true,
      description: 'git: the repository URL, with ***@ where credentials are kept (they are never returned).',
      select: { gitUrl: true, gitCredentials: true },
      resolve: (source) => {
        // Selected above, but left out of the row type (see PrismaTypes in ../builder.ts): only whether it is set is read.
        const { gitCredentials } = source as { gitCredentials?: string | null };
        if (gitCredentials === undefined) throw new Error('CodeSource.url needs gitCredentials selected');
        return source.gitUrl === null ? null : displayedGitUrl(source.gitUrl, gitCredentials !== null);
      },
    }),
    ref: t.exposeString('gitRef', { nullable: true, description: "git: the branch or tag; null for the repository's default branch." }),
    archiveName: t.exposeString('archiveName', { nullable: true, description: 'archive: the uploaded file name.' }),
    archiveSize: t.exposeInt('archiveSize', { nullable: true, description: 'archive: its size in bytes.' }),
    archiveSha256: t.exposeString('archiveSha256', { nullable: true, description: 'archive: hex SHA-256 of the uploaded bytes.' }),
    modules: t.exposeStringList('modules', { description: 'archive: the modules found in it when it was uploaded; git: empty (cloned at each scan).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last set.' }),
  }),
});

builder.prismaObjectField(InstanceRef, 'codeSource', (t) =>
  t.relation('codeSource', { nullable: true, description: "The source of the instance's custom addons, analysed with every scan; null when none is set." }),
);

// -----------------------------------------------------------------------------------------------
// Mutations

const GitSourceInput = builder.inputType('GitSourceInput', {
  fields: (t) => ({
    url: t.string({
      required: true,
      description:
        'https:// URL of the repository on an allowed host (PULSE_GIT_HOSTS). For a private repository put the credentials in it (https://user:token@host/org/repo.git): they are stored encrypted and never returned.',
    }),
    ref: t.string({ required: false, description: "Branch or tag to analyse (default: the repository's default branch)." }),
  }),
});

const CodeSourceSuccess = builder.objectRef<{ instance: InstanceRow }>('CodeSourceSuccess').implement({
  description: 'The code source as stored; the next scan analyses it.',
  fields: (t) => ({
    instance: t.field({ type: InstanceRef, resolve: (result) => result.instance }),
    codeSource: t.prismaField({
      type: CodeSourceRef,
      resolve: (query, result, _args, context) => context.db.codeSource.findUniqueOrThrow({ ...query, where: { instanceId: result.instance.id } }),
    }),
  }),
});

const RemoveCodeSourceSuccess = builder.objectRef<{ instance: InstanceRow; removed: boolean }>('RemoveCodeSourceSuccess').implement({
  fields: (t) => ({
    instance: t.field({ type: InstanceRef, resolve: (result) => result.instance }),
    removed: t.boolean({ description: 'False when the instance had no code source.', resolve: (result) => result.removed }),
  }),
});

type CodeSourceData = Omit<Prisma.CodeSourceUncheckedCreateInput, 'instanceId' | 'partnerId'>;

const NO_ARCHIVE = { archive: null, archiveName: null, archiveSize: null, archiveSha256: null } as const;
const NO_GIT = { gitUrl: null, gitRef: null, gitCredentials: null } as const;

async function archiveSource(context: AuthenticatedContext, file: UploadedFile): Promise<CodeSourceData> {
  try {
    // Refused from its size before its bytes are copied.
    checkArchiveSize(file.size, context.codeSources);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const checked = await checkArchive(bytes, context.codeSources);
    return {
      kind: 'archive',
      ...NO_GIT,
      archive: bytes,
      archiveName: uploadedFileName(file, 'archive'),
      archiveSize: checked.size,
      archiveSha256: checked.sha256,
      modules: checked.modules,
    };
  } catch (error) {
    if (error instanceof CodeInputError) throw new InvalidInputError('archive', error.message);
    throw error;
  }
}

function gitSource(context: AuthenticatedContext, instanceId: string, input: typeof GitSourceInput.$inferInput): CodeSourceData {
  let parsed;
  try {
    parsed = parseGitSource(input.url, input.ref, context.codeSources.gitHosts);
  } catch (error) {
    if (error instanceof GitSourceError) throw new InvalidInputError(`git.${error.part}`, error.message);
    throw error;
  }
  return {
    kind: 'git',
    ...NO_ARCHIVE,
    gitUrl: parsed.url,
    gitRef: parsed.ref,
    gitCredentials: parsed.credentials === null ? null : encryptSecret(parsed.credentials, context.keyring, codeSourceSecretContext(instanceId)),
    modules: [],
  };
}

builder.mutationFields((t) => ({
  setCodeSource: t.withAuth({ write: true }).field({
    description:
      "Sets the source of an instance's custom addons (write scope), replacing any earlier one: an uploaded tar.gz, tar or zip (`archive`, a multipart upload) or a git repository (`git`). A source that cannot be used is an InvalidInputError and nothing is stored.",
    type: CodeSourceSuccess,
    errors: { types: [InvalidInputError, NotFoundError], directResult: true, union: { name: 'SetCodeSourceResult' } },
    args: {
      instanceId: t.arg.id({ required: true }),
      archive: t.arg({ type: 'File', required: false, description: 'The addons as a tar.gz, tar or zip archive, holding at least one Odoo module.' }),
      git: t.arg({ type: GitSourceInput, required: false }),
    },
    resolve: async (_root, args, context) => {
      const instance = await ownActiveInstance(context, String(args.instanceId), 'instanceId');
      if ((args.archive == null) === (args.git == null)) {
        throw new InvalidInputError('archive', 'Give either an archive (uploaded as a multipart request) or a git repository, not both.');
      }
      const data = args.archive != null ? await archiveSource(context, args.archive) : gitSource(context, instance.id, args.git!);
      await context.db.codeSource.upsert({
        where: { instanceId: instance.id },
        create: { instanceId: instance.id, partnerId: context.viewer.partnerId, ...data },
        update: data,
        select: { instanceId: true },
      });
      context.log.info('code source set', { partner: context.viewer.partnerId, instance: instance.id, kind: data.kind });
      return { instance };
    },
  }),
  removeCodeSource: t.withAuth({ write: true }).field({
    description: 'Removes the code source of an instance (write scope): its scans no longer analyse addons source.',
    type: RemoveCodeSourceSuccess,
    errors: { types: [InvalidInputError, NotFoundError], directResult: true, union: { name: 'RemoveCodeSourceResult' } },
    args: { instanceId: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const instance = await ownActiveInstance(context, String(args.instanceId), 'instanceId');
      const { count } = await context.db.codeSource.deleteMany({ where: { instanceId: instance.id, partnerId: context.viewer.partnerId } });
      if (count) context.log.info('code source removed', { partner: context.viewer.partnerId, instance: instance.id });
      return { instance, removed: count > 0 };
    },
  }),
}));
