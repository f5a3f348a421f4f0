/// Every sentence and word of Kickoff's own wording, by its key in `templates/strings/<locale>.yaml`.
///
/// A table that lacks one of these, or has a key that is not one, is refused when the tables load: a missing
/// phrase is an error at start-up, never an empty string in a handout.
public enum Phrase: String, CaseIterable, Sendable {
    case dateLocale = "date_locale"
    case dateShort = "date_short"
    case dateLong = "date_long"
    case dateDayMonth = "date_day_month"
    case listSeparator = "list_separator"
    case range = "range"
    case listAnd = "list_and"
    case minutes = "minutes"
    case hours = "hours"
    case workingDays = "working_days"
    case weeks = "weeks"
    case stepsCount = "steps_count"
    case daysCount = "days_count"
    case ownerCustomer = "owner_customer"
    case ownerCsm = "owner_csm"
    case ownerTogether = "owner_together"
    case yourCsm = "your_csm"
    case pageTitle = "page_title"
    case title = "title"
    case subtitle = "subtitle"
    case subtitleUpdated = "subtitle_updated"
    case quickstartUpdated = "quickstart_updated"
    case skipToGuide = "skip_to_guide"
    case printHint = "print_hint"
    case footer = "footer"
    case supportBoxTitle = "support_box_title"
    case quickstartHeading = "quickstart_heading"
    case quickstartWeek = "quickstart_week"
    case quickstartNext = "quickstart_next"
    case quickstartNothing = "quickstart_nothing"
    case quickstartTask = "quickstart_task"
    case quickstartTaskNoEffort = "quickstart_task_no_effort"
    case quickstartGoals = "quickstart_goals"
    case quickstartGoal = "quickstart_goal"
    case quickstartGoalNoDate = "quickstart_goal_no_date"
    case quickstartCall = "quickstart_call"
    case quickstartCallTime = "quickstart_call_time"
    case quickstartHelp = "quickstart_help"
    case stateOnTrack = "state_on_track"
    case stateAtRisk = "state_at_risk"
    case stateMissed = "state_missed"
    case stateReached = "state_reached"
    case stateUnaddressed = "state_unaddressed"
    case welcomeHeading = "welcome_heading"
    case welcomeHeadingNoContact = "welcome_heading_no_contact"
    case welcomeBody = "welcome_body"
    case noteFrom = "note_from"
    case goalsHeading = "goals_heading"
    case goalsIntro = "goals_intro"
    case goalsNone = "goals_none"
    case goalMeasure = "goal_measure"
    case goalTarget = "goal_target"
    case goalExpected = "goal_expected"
    case goalOnTrack = "goal_on_track"
    case goalAtRisk = "goal_at_risk"
    case goalReached = "goal_reached"
    case goalMissed = "goal_missed"
    case goalUnaddressed = "goal_unaddressed"
    case goalSteps = "goal_steps"
    case stepRef = "step_ref"
    case painsHeading = "pains_heading"
    case painsIntro = "pains_intro"
    case painStep = "pain_step"
    case painUnaddressed = "pain_unaddressed"
    case expectHeading = "expect_heading"
    case expectLength = "expect_length"
    case expectSplitCustomer = "expect_split_customer"
    case expectSplitTogether = "expect_split_together"
    case expectSplitCsm = "expect_split_csm"
    case expectSplit = "expect_split"
    case expectPace = "expect_pace"
    case expectCalendar = "expect_calendar"
    case expectCalendarNoHolidays = "expect_calendar_no_holidays"
    case expectFirstWeek = "expect_first_week"
    case expectHardHeading = "expect_hard_heading"
    case expectWait = "expect_wait"
    case expectEffort = "expect_effort"
    case expectDone = "expect_done"
    case timelineHeading = "timeline_heading"
    case weekHeading = "week_heading"
    case timelineStep = "timeline_step"
    case timelineStepNoEffort = "timeline_step_no_effort"
    case timelineStepDone = "timeline_step_done"
    case timelineCheckin = "timeline_checkin"
    case timelineMilestone = "timeline_milestone"
    case timelineGoal = "timeline_goal"
    case timelineNothing = "timeline_nothing"
    case timelineSummary = "timeline_summary"
    case timelineToday = "timeline_today"
    case legendCustomer = "legend_customer"
    case legendTogether = "legend_together"
    case legendCsm = "legend_csm"
    case legendMilestone = "legend_milestone"
    case legendGoal = "legend_goal"
    case legendGoalAtRisk = "legend_goal_at_risk"
    case legendTarget = "legend_target"
    case legendCheckin = "legend_checkin"
    case legendOff = "legend_off"
    case tableCaption = "table_caption"
    case tableStep = "table_step"
    case tablePhase = "table_phase"
    case tableOwner = "table_owner"
    case tableDays = "table_days"
    case statusDone = "status_done"
    case milestonesHeading = "milestones_heading"
    case milestonesIntro = "milestones_intro"
    case milestoneStep = "milestone_step"
    case milestoneGoal = "milestone_goal"
    case milestoneReached = "milestone_reached"
    case milestonesNone = "milestones_none"
    case guideHeading = "guide_heading"
    case guideIntro = "guide_intro"
    case guideStepHeading = "guide_step_heading"
    case guideStepMeta = "guide_step_meta"
    case guideStepMetaNoEffort = "guide_step_meta_no_effort"
    case guideStepDone = "guide_step_done"
    case guideWhy = "guide_why"
    case guideFor = "guide_for"
    case reasonRequired = "reason_required"
    case reasonSolves = "reason_solves"
    case reasonServes = "reason_serves"
    case reasonPrerequisite = "reason_prerequisite"
    case reasonDone = "reason_done"
    case guideMoreHelp = "guide_more_help"
    case guideMilestone = "guide_milestone"
    case checkinsHeading = "checkins_heading"
    case checkinsIntro = "checkins_intro"
    case cadenceDaily = "cadence_daily"
    case cadenceTwiceWeekly = "cadence_twice_weekly"
    case cadenceWeekly = "cadence_weekly"
    case cadenceBiweekly = "cadence_biweekly"
    case checkinKickoff = "checkin_kickoff"
    case checkinRegular = "checkin_regular"
    case checkinWrapUp = "checkin_wrap_up"
    case checkinLine = "checkin_line"
    case checkinRun = "checkin_run"
    case contactCsm = "contact_csm"
    case contactChampion = "contact_champion"
    case contactMeeting = "contact_meeting"
    case supportLine = "support_line"
    case supportHours = "support_hours"
    case calendarMilestone = "calendar_milestone"
    case calendarGoal = "calendar_goal"
    case resourcesHeading = "resources_heading"
    case resourcesIntro = "resources_intro"
    case successHeading = "success_heading"
    case successIntro = "success_intro"
    case successGoal = "success_goal"
    case successGoalNoMeasure = "success_goal_no_measure"
    case successFirstWeek = "success_first_week"
    case successStepsOnTime = "success_steps_on_time"
    case successHabit = "success_habit"
    case changesHeading = "changes_heading"
    case changesFirst = "changes_first"
    case changesSince = "changes_since"
    case changesNone = "changes_none"
    case changeStepDone = "change_step_done"
    case changeStepAdded = "change_step_added"
    case changeStepDropped = "change_step_dropped"
    case changeStepMoved = "change_step_moved"
    case changeStepMovedLate = "change_step_moved_late"
    case changeMilestoneMoved = "change_milestone_moved"
    case changeGoalAdded = "change_goal_added"
    case changeGoalDropped = "change_goal_dropped"
    case changeGoalDateMoved = "change_goal_date_moved"
    case changeGoalAtRisk = "change_goal_at_risk"
    case changeGoalOnTrack = "change_goal_on_track"
    case changeGoalReached = "change_goal_reached"
    case changeGoalMissed = "change_goal_missed"
    case changeCheckinMoved = "change_checkin_moved"
    case changeCheckinAdded = "change_checkin_added"
    case changeCheckinDropped = "change_checkin_dropped"
    case shiftLater = "shift_later"
    case shiftEarlier = "shift_earlier"
    case changeReasonGoal = "change_reason_goal"
    case changeReasonPain = "change_reason_pain"
    case changeReasonPrerequisite = "change_reason_prerequisite"
    case changeReasonFlow = "change_reason_flow"
    case changeReasonAudience = "change_reason_audience"
    case changeReasonDone = "change_reason_done"
    case changeReasonLate = "change_reason_late"
    case changeReasonGoalGone = "change_reason_goal_gone"
    case changeReasonPainGone = "change_reason_pain_gone"
    case changeReasonPrerequisiteGone = "change_reason_prerequisite_gone"
    case changeReasonFlowGone = "change_reason_flow_gone"
    case changeReasonAudienceGone = "change_reason_audience_gone"
    case changeReasonDoneGone = "change_reason_done_gone"
    case changeReasonLateGone = "change_reason_late_gone"
    case weekHolidays = "week_holidays"
    case explainHeading = "explain_heading"
    case explainDone = "explain_done"
    case explainStart = "explain_start"
    case explainAsOf = "explain_as_of"
    case explainPrerequisite = "explain_prerequisite"
    case explainPrerequisiteWait = "explain_prerequisite_wait"
    case explainPace = "explain_pace"
    case explainSkipped = "explain_skipped"
    case explainHoliday = "explain_holiday"
    case explainEffort = "explain_effort"
    case explainRescheduled = "explain_rescheduled"
    case explainSelected = "explain_selected"
    case footerUpdated = "footer_updated"
    case changePainAdded = "change_pain_added"
    case changePainAddedUncovered = "change_pain_added_uncovered"
    case changePainDropped = "change_pain_dropped"
    case changeStepsMoved = "change_steps_moved"
    case changeStepsMovedLate = "change_steps_moved_late"
    case rescheduledNote = "rescheduled_note"
    case mailGreeting = "mail_greeting"
    case mailGreetingNoName = "mail_greeting_no_name"
    case mailSignOff = "mail_sign_off"
    case mailWelcomeSubject = "mail_welcome_subject"
    case mailWelcomeIntro = "mail_welcome_intro"
    case mailAttached = "mail_attached"
    case mailAttachedPdf = "mail_attached_pdf"
    case mailGoalsHeading = "mail_goals_heading"
    case mailGoalLine = "mail_goal_line"
    case mailWeekHeading = "mail_week_heading"
    case mailWeekNone = "mail_week_none"
    case mailTableDay = "mail_table_day"
    case mailTableTask = "mail_table_task"
    case mailTableEffort = "mail_table_effort"
    case mailNextCallHeading = "mail_next_call_heading"
    case mailCallLine = "mail_call_line"
    case mailCallLineTime = "mail_call_line_time"
    case mailMeetingLink = "mail_meeting_link"
    case mailHelpHeading = "mail_help_heading"
    case mailHelpReply = "mail_help_reply"
    case mailHelpSupport = "mail_help_support"
    case mailHelpHours = "mail_help_hours"
    case mailRecapSubject = "mail_recap_subject"
    case mailRecapIntro = "mail_recap_intro"
    case mailProgress = "mail_progress"
    case mailRecapDoneHeading = "mail_recap_done_heading"
    case mailRecapDoneNone = "mail_recap_done_none"
    case mailRecapCelebrateHeading = "mail_recap_celebrate_heading"
    case mailRecapCelebrateLine = "mail_recap_celebrate_line"
    case mailRecapNextHeading = "mail_recap_next_heading"
    case mailRecapNextNone = "mail_recap_next_none"
    case mailRecapRiskHeading = "mail_recap_risk_heading"
    case mailRecapRiskLine = "mail_recap_risk_line"
    case mailRecapMissedLine = "mail_recap_missed_line"
    case mailRecapLastCall = "mail_recap_last_call"
    case mailNudgeSubject = "mail_nudge_subject"
    case mailNudgeBody = "mail_nudge_body"
    case mailNudgeEffort = "mail_nudge_effort"
    case mailNudgeOffer = "mail_nudge_offer"
    case mailNudgeGuideHeading = "mail_nudge_guide_heading"
    case mailChangedSubject = "mail_changed_subject"
    case mailChangedIntro = "mail_changed_intro"
    case mailChangedNone = "mail_changed_none"
    case mailChangedCalendar = "mail_changed_calendar"
    case mailInviteDescription = "mail_invite_description"
}

extension Phrase {
    /// Who does a step: you, the CSM, or both.
    static func owner(_ owner: Owner) -> Phrase {
        switch owner {
        case .customer: return .ownerCustomer
        case .csm: return .ownerCsm
        case .together: return .ownerTogether
        }
    }

    /// How often the CSM checks in.
    static func cadence(_ cadence: Cadence) -> Phrase {
        switch cadence {
        case .daily: return .cadenceDaily
        case .twiceWeekly: return .cadenceTwiceWeekly
        case .weekly: return .cadenceWeekly
        case .biweekly: return .cadenceBiweekly
        }
    }
}

/// The values a phrase's `{{placeholders}}` are filled with, by name, written like a dictionary
/// (`["day": day, "number": String(3)]`). A sentence has a handful of placeholders, so the values are kept as
/// written, in the literal's own array, and found by comparing names: no second array, no hashing. Values are
/// text: a value of any type (a number written as text only when used) was a boxed existential, which each
/// look-up copied out of its box for every name it passed (a quarter million instructions per handout).
struct PhraseValues: ExpressibleByDictionaryLiteral, Sendable {
    private var elements: [(String, String)]

    /// The values as written: each name once, as in a dictionary literal.
    init(dictionaryLiteral elements: (String, String)...) {
        self.elements = elements
        assert(Set(elements.map(\.0)).count == elements.count, "a phrase value is named twice")
    }

    /// The text for `name`; setting it replaces an earlier value.
    subscript(name: String) -> String? {
        get {
            for (key, value) in elements where key == name { return value }
            return nil
        }
        set {
            let index = elements.firstIndex { $0.0 == name }
            switch (index, newValue) {
            case (let index?, let text?): elements[index].1 = text
            case (let index?, nil): elements.remove(at: index)
            case (nil, let text?): elements.append((name, text))
            case (nil, nil): break
            }
        }
    }
}

extension Phrase {
    /// The phrase's place in `allCases`. An enum without payloads is stored as the index of its case in declaration
    /// order (a test checks this against `allCases`), so wording is found by position, without hashing a name.
    var index: Int {
        withUnsafeBytes(of: self) { bytes in
            bytes.count == 1 ? Int(bytes[0]) : Int(bytes.loadUnaligned(as: UInt16.self))
        }
    }
}
