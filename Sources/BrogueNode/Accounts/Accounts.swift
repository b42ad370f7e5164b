import BrogueProtocol
import BrogueStore
import Crypto
import Foundation
import HummingbirdBcrypt
import Logging
import NIOConcurrencyHelpers

/// Registration and login: checks names and passwords, hashes with bcrypt on a thread of its
/// own (never on a connection's task, so a slow hash holds up nobody else), opens sessions, and
/// throttles failed logins per account name and per remote address.
final class Accounts: Sendable {
    let store: any AccountStore
    let config: AccessConfig
    let logger: Logger
    private let throttle: NIOLockedValueBox<LoginThrottle>

    init(store: any AccountStore, config: AccessConfig, logger: Logger) {
        self.store = store
        self.config = config
        self.logger = logger
        throttle = NIOLockedValueBox(LoginThrottle(limit: config.loginFailureLimit, window: config.loginFailureWindowSeconds))
    }

    static let nameRule = "3-24 characters, each a letter A-Z or a-z, a digit, '_' or '-'"

    /// Whether `name` may be an account name.
    static func isValidName(_ name: String) -> Bool {
        (3...24).contains(name.utf8.count)
            && name.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
            }
    }

    /// Creates the account and opens a session for it.
    func register(name: String, password: String) async throws(ProtocolError) -> Identity {
        guard Self.isValidName(name) else { throw ProtocolError(.badName, "an account name is \(Self.nameRule)") }
        guard password.utf8.count >= 8 else {
            throw ProtocolError(.badPassword, "a password needs at least 8 bytes (at most \(ProtocolInfo.maxPasswordBytes))")
        }
        let taken = ProtocolError(.nameTaken, "the name '\(name)' is taken (names ignore case); choose another, or log in")
        // Saves a slow hash for a name that is plainly taken; `createAccount` checks again.
        guard (try? store.account(named: name)) == nil else { throw taken }
        let cost = UInt8(clamping: config.bcryptCost)
        let hash = await offThread { Bcrypt.hash(Self.prehash(password), cost: cost) }
        do throws(StoreError) {
            try store.createAccount(Account(name: name, passwordHash: hash, createdAt: config.clock()))
            logger.info("account registered", metadata: ["account": "\(name)"])
            return try openSession(for: name)
        } catch .accountNameTaken {
            throw taken
        } catch {
            throw ProtocolError(.storeFailed, "the account could not be stored: \(error)")
        }
    }

    /// Logs in with a name and password.
    func login(name: String, password: String, address: String) async throws(ProtocolError) -> Identity {
        let keys = ["name:" + name.lowercased(), "address:" + address]
        let started = config.clock()
        try admit(keys, now: started)
        let account: Account?
        do { account = try store.account(named: name) } catch {
            throttle.withLockedValue { $0.succeeded(keys, at: started, cleared: []) }
            throw ProtocolError(.storeFailed, "accounts could not be read: \(error)")
        }
        let stored = account?.passwordHash
        let cost = UInt8(clamping: config.bcryptCost)
        // An unknown name costs one hash too, so the answer takes as long as for a wrong password.
        let matches = await offThread {
            guard let stored else { return Bcrypt.hash(Self.prehash(password), cost: cost).isEmpty }
            return Bcrypt.verify(Self.prehash(password), hash: stored)
        }
        guard let account, matches else {
            logger.info("login failed", metadata: ["address": "\(address)"])
            throw ProtocolError(.badCredentials, "unknown name or wrong password")
        }
        throttle.withLockedValue { $0.succeeded(keys, at: started, cleared: [keys[0]]) }
        do { return try openSession(for: account.name) } catch {
            throw ProtocolError(.storeFailed, "the session could not be stored: \(error)")
        }
    }

    /// Logs in with a session token from an earlier `identity`; the same token stays valid.
    func login(session token: String, address: String) throws(ProtocolError) -> Identity {
        let keys = ["address:" + address]
        let started = config.clock()
        try admit(keys, now: started)
        let found: AccountSession?
        do { found = try store.session(tokenHash: SessionToken.hash(token)) } catch {
            throw ProtocolError(.storeFailed, "sessions could not be read: \(error)")
        }
        guard let found else { throw ProtocolError(.badCredentials, "unknown session; log in with your name and password") }
        throttle.withLockedValue { $0.succeeded(keys, at: started, cleared: []) }
        guard found.expires > started else {
            try? store.closeSession(tokenHash: SessionToken.hash(token))
            throw ProtocolError(.sessionExpired, "the session has expired; log in with your name and password")
        }
        return Identity(player: found.accountName, guest: false, session: token, expires: Int(found.expires.timeIntervalSince1970))
    }

    private func admit(_ keys: [String], now: Date) throws(ProtocolError) {
        let wait = throttle.withLockedValue { t -> Int? in
            if let wait = t.wait(for: keys, now: now) { return wait }
            t.begin(keys, now: now)
            return nil
        }
        if let wait { throw ProtocolError(.loginThrottled, "too many failed logins; try again in \(wait) seconds") }
    }

    private func openSession(for name: String) throws(StoreError) -> Identity {
        let expires = config.clock().addingTimeInterval(config.sessionSeconds)
        let token = SessionToken.make()
        try store.openSession(AccountSession(tokenHash: SessionToken.hash(token), accountName: name, expires: expires))
        return Identity(player: name, guest: false, session: token, expires: Int(expires.timeIntervalSince1970))
    }

    /// bcrypt reads at most 72 bytes; hashing first lets every byte of a 256-byte password count.
    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

}
