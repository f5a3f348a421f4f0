import Foundation

/// The check-ins as iTIP invitations (RFC 5546) from the CSM to the contact: a `REQUEST` that puts them in the
/// customer's calendar and updates them there, and a `CANCEL` for check-ins a new plan dropped.
///
/// UIDs are the ones `plan.ics` uses. What the customer holds (each check-in's sequence and times) is kept by
/// the outbox after a message is sent; a check-in whose times change gets the next sequence, so calendars
/// update it instead of adding a second one.
enum Invitation {
    /// A check-in as the customer's calendar holds it.
    struct Held: Equatable, Sendable {
        var sequence: Int
        var start: String
        var end: String
    }

    /// An invitation and what the customer holds once it is sent.
    struct Made {
        /// The `METHOD:REQUEST` calendar.
        var request: String
        /// The `METHOD:CANCEL` calendar for dropped check-ins, if any were dropped.
        var cancel: String?
        /// Every check-in of the plan by UID, as held after this message.
        var held: [String: Held]
    }

    /// The invitation for the plan's check-ins, given what the customer holds from earlier messages.
    static func make(_ model: HandoutModel, organizer: MIMEMessage.Address, attendee: MIMEMessage.Address,
                     meetingURL: String?, holding: [String: Held], stamp: Day) -> Made {
        let events = PlanCalendar.checkInEvents(model)
        var held: [String: Held] = [:]
        for event in events {
            let before = holding[event.uid]
            let moved = before.map { $0.start != event.start || $0.end != event.end } ?? false
            held[event.uid] = Held(sequence: (before?.sequence ?? 0) + (moved ? 1 : 0), start: event.start, end: event.end)
        }
        let calendarID = PlanCalendar.calendarID(model)
        let zone = events.contains(where: \.timed) ? TimeZone(identifier: model.plan.timezone) : nil
        let common = model.textCommon
        func calendar(method: String, body: [String]) -> String {
            var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kickoff//Onboarding plan//EN", "CALSCALE:GREGORIAN", "METHOD:" + method]
            if let zone, let first = model.plan.checkIns.first?.day, let last = model.plan.checkIns.last?.day {
                lines += PlanCalendar.timeZoneComponent(zone, from: first, to: last)
            }
            lines += body
            lines.append("END:VCALENDAR")
            return lines.map(PlanCalendar.fold).joined(separator: "\r\n") + "\r\n"
        }
        func people(status: String) -> [String] {
            ["ORGANIZER;CN=\(parameter(organizer.name)):mailto:\(organizer.email)",
             "ATTENDEE;CN=\(parameter(attendee.name));ROLE=REQ-PARTICIPANT;PARTSTAT=\(status);RSVP=TRUE:mailto:\(attendee.email)"]
        }
        var request: [String] = []
        for (event, checkIn) in zip(events, model.plan.checkIns) {
            let description = model.strings.text(.mailInviteDescription, ["name": model.checkInName(checkIn)], defaults: common)
                + (meetingURL.map { "\n" + $0 } ?? "")
            request += ["BEGIN:VEVENT", "UID:\(event.uid)@\(calendarID).kickoff", "SEQUENCE:\(held[event.uid]!.sequence)",
                        "DTSTAMP:\(stamp.basicISO)T000000Z", "DTSTART" + event.start, "DTEND" + event.end,
                        "SUMMARY:" + PlanCalendar.escape(event.summary), "DESCRIPTION:" + PlanCalendar.escape(description)]
            if let meetingURL { request.append("LOCATION:" + PlanCalendar.escape(meetingURL)) }
            request += people(status: "NEEDS-ACTION")
            request += ["STATUS:CONFIRMED", "TRANSP:" + (event.timed ? "OPAQUE" : "TRANSPARENT"), "END:VEVENT"]
        }
        var cancel: [String] = []
        for (uid, before) in holding.sorted(by: { $0.key < $1.key }) where held[uid] == nil {
            cancel += ["BEGIN:VEVENT", "UID:\(uid)@\(calendarID).kickoff", "SEQUENCE:\(before.sequence + 1)",
                       "DTSTAMP:\(stamp.basicISO)T000000Z", "DTSTART" + before.start, "DTEND" + before.end]
            cancel += people(status: "NEEDS-ACTION")
            cancel += ["STATUS:CANCELLED", "END:VEVENT"]
        }
        return Made(request: calendar(method: "REQUEST", body: request),
                    cancel: cancel.isEmpty ? nil : calendar(method: "CANCEL", body: cancel), held: held)
    }

    /// A `CN=` parameter value: quoted, with the characters a quoted parameter cannot hold left out (RFC 5545 §3.2).
    static func parameter(_ name: String?) -> String {
        let kept = (name ?? "").unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }
        return "\"" + String(String.UnicodeScalarView(kept)) + "\""
    }

    // MARK: What the customer holds

    /// One line per check-in: `uid sequence start end`, tab-separated.
    static func encode(_ held: [String: Held]) -> String {
        held.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value.sequence)\t\($0.value.start)\t\($0.value.end)\n" }.joined()
    }

    /// Reads what `encode` wrote; lines it cannot read are left out.
    static func decode(_ text: String) -> [String: Held] {
        var held: [String: Held] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, let sequence = Int(fields[1]) else { continue }
            held[fields[0]] = Held(sequence: sequence, start: fields[2], end: fields[3])
        }
        return held
    }
}
