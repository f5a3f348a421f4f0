import Testing
@testable import KickoffKit

@Suite("Calendar days")
struct DayTests {
    @Test func parsesAndPrintsISODates() {
        #expect(Day(iso: "2026-12-01")?.iso == "2026-12-01")
        #expect(Day(iso: "2024-02-29")?.iso == "2024-02-29")
        #expect(Day(iso: "2000-02-29") != nil)
    }

    @Test("Days that do not exist are refused", arguments: ["2026-02-30", "2026-13-01", "2026-00-10", "2025-02-29", "1900-02-29", "2026-12-32", "2026-1-5", "26-12-01", "2026/12/01", "", "tomorrow", "2026-12-01T10:00"])
    func refusesImpossibleDays(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func knowsTheWeekday() {
        #expect(Day(iso: "2026-12-01")?.weekday == .tue)
        #expect(Day(iso: "1970-01-01")?.weekday == .thu)
        #expect(Day(iso: "2027-01-03")?.weekday == .sun)
        #expect(Day(iso: "1969-12-29")?.weekday == .mon)
        #expect(Weekday.allCases.enumerated().allSatisfy { $0.offset == $0.element.index })
    }

    @Test func roundTripsEveryDayOfFourHundredYears() {
        var day = Day(iso: "1900-01-01")!
        let end = Day(iso: "2300-01-01")!
        while day < end {
            let (year, month, dayOfMonth) = day.components
            #expect(Day(year: year, month: month, day: dayOfMonth) == day)
            day = day.adding(days: 1)
        }
    }

    @Test func startOfWeekIsMonday() {
        #expect(Day(iso: "2026-12-06")!.startOfWeek.iso == "2026-11-30")
        #expect(Day(iso: "2026-11-30")!.startOfWeek.iso == "2026-11-30")
    }

    @Test func parsesEffortsAndSpans() {
        #expect(Effort(text: "15m")?.minutes == 15)
        #expect(Effort(text: "2h")?.minutes == 120)
        #expect(Effort(text: "1d")?.minutes == 480)
        #expect(Effort(text: "3d")?.workingDays == 3)
        #expect(Effort(text: "9h")?.workingDays == 2)
        #expect(Effort(text: "0m") == nil)
        #expect(Effort(text: "-2h") == nil)
        #expect(Effort(text: "2 h") == nil)
        #expect(Effort(text: "2x") == nil)
        #expect(Span(text: "10d") == .workingDays(10))
        #expect(Span(text: "3w") == .weeks(3))
        #expect(Span(text: "0w") == nil)
        #expect(Span(text: "-3d") == nil)
        #expect(Span(text: "3") == nil)
    }
}

@Suite("Working calendar")
struct WorkingCalendarTests {
    let calendar = WorkingCalendar(workingDays: [.mon, .tue, .wed, .thu, .fri],
                                   holidays: [Day(iso: "2026-12-24")!, Day(iso: "2026-12-25")!])

    @Test func skipsWeekendsAndHolidays() {
        #expect(calendar.isWorkingDay(Day(iso: "2026-12-23")!))
        #expect(!calendar.isWorkingDay(Day(iso: "2026-12-24")!))
        #expect(!calendar.isWorkingDay(Day(iso: "2026-12-26")!))
        #expect(calendar.workingDay(onOrAfter: Day(iso: "2026-12-24")!).iso == "2026-12-28")
    }

    @Test func addsWorkingDays() {
        #expect(calendar.adding(workingDays: 1, to: Day(iso: "2026-12-23")!).iso == "2026-12-28")
        #expect(calendar.adding(workingDays: 5, to: Day(iso: "2026-12-01")!).iso == "2026-12-08")
        #expect(calendar.adding(workingDays: 0, to: Day(iso: "2026-12-05")!).iso == "2026-12-07")
    }

    @Test func countsWorkingDaysBetween() {
        #expect(calendar.workingDaysBetween(Day(iso: "2026-12-23")!, Day(iso: "2026-12-28")!) == 1)
        #expect(calendar.workingDaysBetween(Day(iso: "2026-12-01")!, Day(iso: "2026-12-08")!) == 5)
        #expect(calendar.workingDaysBetween(Day(iso: "2026-12-08")!, Day(iso: "2026-12-01")!) == -5)
        #expect(calendar.skippedDays(after: Day(iso: "2026-12-23")!, before: Day(iso: "2026-12-28")!).map(\.iso)
                == ["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-27"])
    }

    @Test func fourDayWeek() {
        let short = WorkingCalendar(workingDays: [.mon, .tue, .wed, .thu], holidays: [])
        #expect(short.adding(workingDays: 1, to: Day(iso: "2027-01-14")!).iso == "2027-01-18")
    }
}
