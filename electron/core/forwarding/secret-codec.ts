// How target secrets (DSNs, header values) are kept in settings.json. The core takes a codec from whoever
// starts it: the Electron shell passes one backed by `safeStorage` (the OS keychain / DPAPI / libsecret)
// when the OS offers it; the CLI and tests pass none, and the secrets are written in plain text into a
// file only the user can read (mode 0600, like ~/.netrc).

export interface SecretCodec {
  /** Written next to the sealed data, so a file sealed by one codec is not fed to another. */
  readonly name: string;
  /** Plain text → a string safe to store in JSON. */
  seal(plain: string): string;
  /** The reverse; throws when the data cannot be opened (other user, other machine, keychain locked). */
  open(sealed: string): string;
}
