/** Files of a backup: hashing, copying a folder tree with a record of every file, and checking copies against it. */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface FileEntry { path: string; bytes: number; sha256: string }

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  const handle = await fs.open(file, 'r');
  try {
    for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** Relative paths ('/'-separated) of the regular files under `dir`, sorted; [] when it does not exist. Temp files are skipped. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && rel === '') return;
      throw err;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(child);
    }
  }
  await walk('');
  return out.sort();
}

/**
 * Copies every file of `from` into `to` and returns what was copied. Uploads are written once under content-hash
 * names and never changed, so a file is either copied whole or (deleted meanwhile by media:cleanup) left out.
 */
export async function copyTree(from: string, to: string): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  await fs.mkdir(to, { recursive: true });
  for (const rel of await listFiles(from)) {
    const target = path.join(to, ...rel.split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.copyFile(path.join(from, ...rel.split('/')), target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const stat = await fs.stat(target);
    entries.push({ path: rel, bytes: stat.size, sha256: await sha256File(target) });
  }
  return entries;
}

/** The entries whose file under `dir` is missing or differs (size or hash), as readable lines. */
export async function findMismatches(dir: string, entries: FileEntry[]): Promise<string[]> {
  const bad: string[] = [];
  for (const e of entries) {
    const file = path.join(dir, ...e.path.split('/'));
    if (e.path.split('/').includes('..') || path.isAbsolute(e.path)) {
      bad.push(`${e.path}: not a relative path`);
      continue;
    }
    try {
      const stat = await fs.stat(file);
      if (stat.size !== e.bytes || (await sha256File(file)) !== e.sha256) bad.push(`${e.path}: content differs`);
    } catch {
      bad.push(`${e.path}: missing`);
    }
  }
  return bad;
}

/** True when the folder is missing or holds no files (empty sub-folders are fine). */
export async function isEmptyFolder(dir: string): Promise<boolean> {
  return (await listFiles(dir)).length === 0;
}
