<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DraftsView</name>
    <message numerus="yes">
        <source>%n draft(s) kept, as listed here</source>
        <translation>
            <numerusform>%n draft kept, as listed here</numerusform>
            <numerusform>%n drafts kept, as listed here</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsightModels</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mo</source>
        <translation>
            <numerusform>%n mo</numerusform>
            <numerusform>%n mo</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemberCard</name>
    <message numerus="yes">
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n nudge(s) and invitation(s) in all</source>
        <translation>
            <numerusform>%n nudge or invitation in all</numerusform>
            <numerusform>%n nudges and invitations in all</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message numerus="yes">
        <source>%n repl(ies) not sent yet (sent ones stay listed for a while)</source>
        <translation>
            <numerusform>%n reply not sent yet (sent ones stay listed for a while)</numerusform>
            <numerusform>%n replies not sent yet (sent ones stay listed for a while)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderNotifier</name>
    <message numerus="yes">
        <source>%n reminder(s) overdue</source>
        <translation>
            <numerusform>%n reminder overdue</numerusform>
            <numerusform>%n reminders overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemindersView</name>
    <message numerus="yes">
        <source>%n reminder(s) exported to the calendar file.</source>
        <translation>
            <numerusform>%n reminder exported to the calendar file.</numerusform>
            <numerusform>%n reminders exported to the calendar file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reminder(s) due now</source>
        <translation>
            <numerusform>%n reminder due now</numerusform>
            <numerusform>%n reminders due now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message numerus="yes">
        <source>Last %n week(s)</source>
        <translation>
            <numerusform>Last week</numerusform>
            <numerusform>Last %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) still within their 30 days: come back later.</source>
        <translation>
            <numerusform>%n contact still within its 30 days: come back later.</numerusform>
            <numerusform>%n contacts still within their 30 days: come back later.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message numerus="yes">
        <source>%n topic(s) waiting for an answer, as listed in Unanswered</source>
        <translation>
            <numerusform>%n topic waiting for an answer, as listed in Unanswered</numerusform>
            <numerusform>%n topics waiting for an answer, as listed in Unanswered</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SilentMembersView</name>
    <message numerus="yes">
        <source>%n silent member(s), as listed here</source>
        <translation>
            <numerusform>%n silent member, as listed here</numerusform>
            <numerusform>%n silent members, as listed here</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message numerus="yes">
        <source>%n syncing</source>
        <translation>
            <numerusform>%n syncing</numerusform>
            <numerusform>%n syncing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n synced</source>
        <translation>
            <numerusform>%n synced</numerusform>
            <numerusform>%n synced</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offline</source>
        <translation>
            <numerusform>%n offline</numerusform>
            <numerusform>%n offline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not synced yet</source>
        <translation>
            <numerusform>%n not synced yet</numerusform>
            <numerusform>%n not synced yet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n communities</source>
        <translation>
            <numerusform>%n community</numerusform>
            <numerusform>%n communities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, about %n min left</source>
        <translation>
            <numerusform>, about %n min left</numerusform>
            <numerusform>, about %n min left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrendingIdeasView</name>
    <message numerus="yes">
        <source>%n clearly rising idea(s), of %1 listed</source>
        <translation>
            <numerusform>%n clearly rising idea, of %1 listed</numerusform>
            <numerusform>%n clearly rising ideas, of %1 listed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnansweredView</name>
    <message numerus="yes">
        <source>%n topic(s) exported to %1.</source>
        <translation>
            <numerusform>%n topic exported to %1.</numerusform>
            <numerusform>%n topics exported to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s) waiting for an answer, as listed here</source>
        <translation>
            <numerusform>%n topic waiting for an answer, as listed here</numerusform>
            <numerusform>%n topics waiting for an answer, as listed here</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>review</name>
    <message numerus="yes">
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s)</source>
        <translation>
            <numerusform>%n topic</numerusform>
            <numerusform>%n topics</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n post(s) rejected before</source>
        <translation>
            <numerusform>%n post rejected before</numerusform>
            <numerusform>%n posts rejected before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>silenced %n time(s)</source>
        <translation>
            <numerusform>silenced %n time</numerusform>
            <numerusform>silenced %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>suspended %n time(s)</source>
        <translation>
            <numerusform>suspended %n time</numerusform>
            <numerusform>suspended %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n useful flag(s) of their own</source>
        <translation>
            <numerusform>%n useful flag of their own</numerusform>
            <numerusform>%n useful flags of their own</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other item(s) about them in the queue</source>
        <translation>
            <numerusform>%n other item about them in the queue</numerusform>
            <numerusform>%n other items about them in the queue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flag(s)</source>
        <translation>
            <numerusform>%n flag</numerusform>
            <numerusform>%n flags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n earlier post(s)</source>
        <translation>
            <numerusform>%n earlier post</numerusform>
            <numerusform>%n earlier posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n later post(s)</source>
        <translation>
            <numerusform>%n later post</numerusform>
            <numerusform>%n later posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n moderation decision(s) applied.</source>
        <translation>
            <numerusform>%n moderation decision applied.</numerusform>
            <numerusform>%n moderation decisions applied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) will be sent when the community is reachable.</source>
        <translation>
            <numerusform>%n decision will be sent when the community is reachable.</numerusform>
            <numerusform>%n decisions will be sent when the community is reachable.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n d ago</numerusform>
            <numerusform>%n d ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>topic_html</name>
    <message numerus="yes">
        <source>%n like(s)</source>
        <translation>
            <numerusform>%n like</numerusform>
            <numerusform>%n likes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation>
            <numerusform>%n reply</numerusform>
            <numerusform>%n replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n view(s)</source>
        <translation>
            <numerusform>%n view</numerusform>
            <numerusform>%n views</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>views</name>
    <message numerus="yes">
        <source>%n listed</source>
        <translation>
            <numerusform>%n listed</numerusform>
            <numerusform>%n listed</numerusform>
        </translation>
    </message>
</context>
</TS>
