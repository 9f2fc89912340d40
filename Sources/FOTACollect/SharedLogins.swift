/// Logins shared by the nights of one run: the accounts a fleet manager reaches with the same
/// credentials log in once, together. A login ThingSpace refused stays refused for every account
/// that shares it, so it is never tried again (five refusals lock a ThingSpace user).
public actor SharedLogins {
  /// One login: the API and the credentials it was made with.
  struct Key: Hashable {
    var baseURL: String
    var credentials: ThingSpaceCredentials
  }

  /// The tokens a login gave.
  struct Tokens: Sendable {
    var bearer: String
    var session: String
  }

  private var logins: [Key: Task<Tokens, any Error>] = [:]

  /// Creates an empty set of logins.
  public init() {}

  /// The tokens of the login for `key`: made by `login` the first time, awaited by everyone after
  /// (while it is under way too); its failure is every later caller's.
  func tokens(for key: Key, login: @escaping @Sendable () async throws(CollectionError) -> Tokens)
    async throws(CollectionError) -> Tokens
  {
    let task: Task<Tokens, any Error>
    if let existing = logins[key] {
      task = existing
    } else {
      task = Task { try await login() }
      logins[key] = task
    }
    do {
      return try await task.value
    } catch let error as CollectionError {
      throw error
    } catch {
      throw .loginFailed(step: "logging in", detail: "\(error)")
    }
  }
}
