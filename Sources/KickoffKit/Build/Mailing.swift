import Foundation

/// `kickoff mail`: for each account, the messages due on its day, written as drafts into the outbox.
///
/// What is due is measured against the plan the customer holds (`out/<account>/plan.json` as last built, and the
/// plan last mailed) and the progress recorded in the profile:
/// - *welcome* when no plan was sent to the account yet;
/// - *changed* when the plan as last built differs from the one last sent;
/// - *recap* on the working day after a check-in;
/// - *nudge* for the first customer step 2 or more working days past its planned end and not done, at most once
///   per step every 2 working days.
/// A message already in the ledger, or a draft of the same kind for the account already in the outbox, is not
/// written again.
public struct Mailing: Sendable {
    /// The pipeline that reads profiles and flows.
    public let pipeline: Pipeline
    /// The folder the plans were built into.
    public let out: String
    /// Where drafts are written.
    public let outbox: Outbox
    /// Whether welcome and changed mails attach `plan.pdf` too.
    public let withPDF: Bool

    /// A mailing into `outbox` of plans built into `out`.
    public init(pipeline: Pipeline, out: String, outbox: Outbox, withPDF: Bool = false) {
        self.pipeline = pipeline
        self.out = out
        self.outbox = outbox
        self.withPDF = withPDF
    }

    /// What happened for one account.
    public enum Outcome: Sendable {
        /// A draft was written.
        case written(file: String, kind: MailKind, to: String)
        /// A message of this kind for the account is already a draft in the outbox; `stale` when it was written
        /// for an earlier build of the plan (its attachments are not the plan as built now).
        case alreadyDrafted(file: String, kind: MailKind, stale: Bool)
        /// Nothing can be mailed before the plan is built.
        case notBuilt
    }

    /// A message ready to be written.
    struct Message {
        var kind: MailKind
        var step: String?
        var name: String
        var messageID: String
        var data: Data
        var gives: [String: Data]
        var to: String
        var content: MailContent
    }

    /// A message due, shown rather than written (the web app's mail page).
    public struct Preview: Sendable {
        /// Which message it is.
        public var kind: MailKind
        /// Its subject line.
        public var subject: String
        /// The HTML part, as mail clients get it.
        public var html: String
        /// The plain-text part.
        public var text: String
        /// Whether a draft of it already waits in the outbox.
        public var drafted: Bool
    }

    /// The messages due for one profile on its day, without writing anything.
    public func preview(profileAt path: String, asOf: AsOf) throws -> [Preview] {
        let (ledger, _) = outbox.ledger()
        let (drafts, _) = try outbox.drafts()
        var previews: [Preview] = []
        _ = try due(profileAt: path, asOf: asOf, ledger: ledger, drafts: drafts) { message, drafted in
            previews.append(Preview(kind: message.kind, subject: message.content.subject, html: message.content.html(),
                                    text: message.content.text(), drafted: drafted))
        }
        return previews
    }

    /// The drafts due for one profile on its day. Errors are the profile's (bad input), thrown.
    public func run(profileAt path: String, asOf: AsOf, ledger: [Outbox.LedgerEntry], drafts: [Outbox.Draft]) throws -> [Outcome] {
        try due(profileAt: path, asOf: asOf, ledger: ledger, drafts: drafts) { message, drafted in
            if !drafted { try outbox.write(message.data, named: message.name, gives: message.gives) }
        }
    }

    /// Finds what is due and hands each new message to `deliver` (with whether a draft of its kind already waits).
    private func due(profileAt path: String, asOf: AsOf, ledger: [Outbox.LedgerEntry], drafts: [Outbox.Draft],
                     deliver: (Message, Bool) throws -> Void) throws -> [Outcome] {
        let (profile, _) = try pipeline.loadProfile(at: path)
        let slug = Slug.make(fromFileAt: path)
        let folder = FilePaths.join(out, slug)
        guard let planData = FileManager.default.contents(atPath: folder + "/plan.json") else { return [.notBuilt] }
        let plan = try PlanJSON.decode(planData)
        let (contact, csm) = try Self.addresses(of: profile)
        let flow = try pipeline.loadFlow(for: profile, localized: true)
        let model = try Pipeline.model(plan: plan, profile: profile, flow: flow, templates: pipeline.templates)
        let day = asOf.day(in: profile.timezone) ?? plan.start
        let composer = MailComposer(model: model, asOf: day, withPDF: withPDF)
        let holding = outbox.holding(account: slug)
        let standing = Outbox.standing(ledger)
        let sentToAccount = ledger.filter { $0.account == slug && standing[$0.messageID] == .sent && $0.status == .sent }
        let calendar = plan.calendar

        var due: [(MailKind, String?)] = []
        let welcomed = holding.plan != nil || sentToAccount.contains { $0.kind == MailKind.welcome.rawValue }
        // What happened before the customer had the plan is not theirs to be reminded of.
        let received = sentToAccount.filter { $0.kind == MailKind.welcome.rawValue }.compactMap { Day(iso: $0.day) }.min() ?? plan.start
        if !welcomed {
            due.append((.welcome, nil))
        } else {
            if let held = holding.plan, held.content != plan.content { due.append((.changed, nil)) }
            let recapDue = plan.checkIns.contains { $0.day >= received && $0.day < day && calendar.workingDay(onOrAfter: $0.day.adding(days: 1)) == day }
            if recapDue { due.append((.recap, nil)) }
            // A recap already lists what is late: no second message that day.
            let recorded = Set(profile.progress.filter { $0.day <= day }.map(\.step))
            if !recapDue, let late = plan.steps.first(where: { $0.owner == .customer && !$0.done && !recorded.contains($0.id) && $0.end >= received && $0.end < day
                && calendar.workingDaysBetween($0.end, day) >= 2 }) {
                let recent = sentToAccount.contains { entry in
                    entry.kind == MailKind.nudge.rawValue && entry.step == late.id
                        && Day(iso: entry.day).map { calendar.workingDaysBetween($0, day) < 2 } ?? false
                }
                if !recent { due.append((.nudge, late.id)) }
            }
        }

        var outcomes: [Outcome] = []
        for (kind, step) in due {
            let drafted = drafts.first { $0.account == slug && $0.kind == kind && $0.step == step }
            let message = try compose(kind, step: step, composer: composer, model: model, planData: planData, folder: folder,
                                      slug: slug, day: day, contact: contact, csm: csm, holding: holding, sent: sentToAccount)
            if let draft = drafted {
                let gave = FileManager.default.contents(atPath: outbox.pendingFolder(for: draft) + "/plan.json")
                outcomes.append(.alreadyDrafted(file: draft.path, kind: kind, stale: gave != nil && gave != planData))
                try deliver(message, true)
                continue
            }
            if standing[message.messageID] != nil { continue }
            try deliver(message, false)
            outcomes.append(.written(file: FilePaths.join(outbox.folder, message.name), kind: kind, to: contact.email))
        }
        return outcomes
    }

    private func compose(_ kind: MailKind, step: String?, composer: MailComposer, model: HandoutModel, planData: Data, folder: String,
                         slug: String, day: Day, contact: MIMEMessage.Address, csm: MIMEMessage.Address,
                         holding: (plan: Plan?, invitations: [String: Invitation.Held]), sent: [Outbox.LedgerEntry]) throws -> Message {
        let plan = model.plan
        let content: MailContent
        var invitation: Invitation.Made?
        switch kind {
        case .welcome:
            content = composer.welcome()
            invitation = Invitation.make(model, organizer: csm, attendee: contact, meetingURL: model.profile.meetingURL, holding: [:], stamp: day)
        case .changed:
            invitation = Invitation.make(model, organizer: csm, attendee: contact, meetingURL: model.profile.meetingURL, holding: holding.invitations, stamp: day)
            let invitationsChanged = invitation!.held != holding.invitations
            let sentOn = sent.filter { $0.kind == MailKind.welcome.rawValue || $0.kind == MailKind.changed.rawValue }.compactMap { Day(iso: $0.day) }.max()
            content = composer.changed(from: holding.plan!, sentOn: sentOn ?? plan.start, invitations: invitationsChanged)
        case .recap:
            let checkIn = plan.checkIns.last { $0.day < day }!  // due: the check-in the working day before
            content = composer.recap(of: checkIn)
        case .nudge:
            content = composer.nudge(plan.step(step!)!)
        }

        let stepPart = step.map { "." + PlanCalendar.uidPart($0) } ?? ""
        let domain = csm.email.split(separator: "@").last.map(String.init) ?? "kickoff.invalid"
        let messageID = "<\(day.iso).\(kind.rawValue)\(stepPart).\(PlanCalendar.uidPart(slug))@\(domain)>"
        let name = "\(day.iso)-\(slug)-\(kind.rawValue)" + (step.map { "-" + PlanCalendar.uidPart($0) } ?? "") + ".eml"

        var alternative: [MIMEMessage.Part] = [
            .text(subtype: "plain", parameters: [], body: content.text()),
            .text(subtype: "html", parameters: [], body: content.html()),
        ]
        var attachments: [MIMEMessage.Part] = []
        var gives: [String: Data] = [:]
        if kind == .welcome || kind == .changed {
            guard let html = FileManager.default.contents(atPath: folder + "/plan.html"),
                  let ics = FileManager.default.contents(atPath: folder + "/plan.ics") else {
                throw KickoffError(file: folder, problem: "has plan.json but not plan.html and plan.ics", fix: "run kickoff build again")
            }
            attachments.append(.attachment(contentType: "text/html; charset=UTF-8", filename: "plan.html", data: html))
            attachments.append(.attachment(contentType: "application/ics", filename: "plan.ics", data: ics))
            if withPDF {
                attachments.append(.attachment(contentType: "application/pdf", filename: "plan.pdf", data: try pdf(folder: folder, html: html, account: model.profile.file)))
            }
            gives["plan.json"] = planData
            if let invitation {
                alternative.append(.text(subtype: "calendar", parameters: [("method", "REQUEST")], body: invitation.request))
                if let cancel = invitation.cancel {
                    attachments.append(.attachment(contentType: "text/calendar; method=CANCEL; charset=UTF-8", filename: "cancelled.ics", data: Data(cancel.utf8)))
                }
                gives["invitations"] = Data(Invitation.encode(invitation.held).utf8)
            }
        }
        let body: MIMEMessage.Part = attachments.isEmpty
            ? .multipart(subtype: "alternative", parts: alternative)
            : .multipart(subtype: "mixed", parts: [.multipart(subtype: "alternative", parts: alternative)] + attachments)
        var headers: [(String, String)] = [
            ("From", MIMEMessage.mailbox(csm)),
            ("To", MIMEMessage.mailbox(contact)),
            ("Subject", MIMEMessage.encodedPhrase(content.subject, quoteSpecials: false)),
            ("Date", MIMEMessage.date(day, in: TimeZone(identifier: plan.timezone) ?? TimeZone(identifier: "UTC")!)),
            ("Message-ID", messageID),
            ("MIME-Version", "1.0"),
            ("X-Unsent", "1"),
            ("X-Kickoff-Kind", kind.rawValue),
            ("X-Kickoff-Account", slug),
            ("X-Kickoff-Day", day.iso),
        ]
        if let step { headers.append(("X-Kickoff-Step", step)) }
        let data = MIMEMessage(headers: headers, body: body).rendered()
        return Message(kind: kind, step: step, name: name, messageID: messageID, data: data, gives: gives, to: contact.email, content: content)
    }

    /// `plan.pdf` from the build (`kickoff build --pdf`), or printed now from `plan.html`.
    private func pdf(folder: String, html: Data, account: String) throws -> Data {
        if let built = FileManager.default.contents(atPath: folder + "/plan.pdf") { return built }
        guard let browser = PDFPrinter.findBrowser() else {
            throw KickoffError(file: account, problem: "--pdf needs Chromium or Chrome to print the handout, and none is installed",
                               fix: "install chromium, or leave out --pdf")
        }
        return try PDFPrinter.print(html: String(decoding: html, as: UTF8.self), using: browser, account: account)
    }

    /// The contact and the CSM as mailboxes: both need a name and an address, and neither may hold a line break or
    /// another control character (it would let profile text write header lines of its own).
    static func addresses(of profile: AccountProfile) throws -> (contact: MIMEMessage.Address, csm: MIMEMessage.Address) {
        func mailbox(_ person: Person?, _ field: String) throws -> MIMEMessage.Address {
            guard let person else {
                throw KickoffError(file: profile.file, line: profile.line(of: field), field: field,
                                   problem: "is needed to write mail", fix: "add \(field): with a name and an email")
            }
            guard let email = person.email else {
                throw KickoffError(file: profile.file, line: profile.line(of: field), field: "\(field).email",
                                   problem: "is needed to write mail", fix: "add the \(field)'s email address")
            }
            for (key, value) in [("name", person.name), ("email", email)] {
                if let bad = value.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
                    throw KickoffError(file: profile.file, line: profile.line(of: "\(field).\(key)"), field: "\(field).\(key)",
                                       problem: "contains a line break or control character (U+\(String(format: "%04X", bad.value))), which a mail header cannot hold",
                                       fix: "write it on one line")
                }
            }
            return MIMEMessage.Address(name: person.name, email: email)
        }
        return (try mailbox(profile.contact, "contact"), try mailbox(profile.csm, "csm"))
    }
}
