// The tables, written by hand: one schema of portable types serves both backends.

diesel::table! {
    organizations (id) {
        id -> BigInt,
        kind -> Text,
        code -> Text,
        name -> Text,
        parent_id -> Nullable<BigInt>,
        path -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        display_name -> Text,
        password_hash -> Text,
        member_id -> Nullable<BigInt>,
        active -> Bool,
        token_epoch -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        must_change_password -> Bool,
        email -> Nullable<Text>,
    }
}

diesel::table! {
    agenda_mails (user_id, sent_on) {
        user_id -> BigInt,
        sent_on -> Date,
        items -> Integer,
    }
}

diesel::table! {
    role_assignments (id) {
        id -> BigInt,
        user_id -> BigInt,
        role -> Text,
        organization_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    service_accounts (id) {
        id -> BigInt,
        client_id -> Text,
        name -> Text,
        secret_hash -> Text,
        organization_id -> BigInt,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        family -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        occurred_at -> Timestamp,
        actor_user_id -> Nullable<BigInt>,
        actor -> Text,
        action -> Text,
        entity_type -> Text,
        entity_id -> Nullable<Text>,
        organization_path -> Nullable<Text>,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        request_id -> Nullable<Text>,
        client_addr -> Nullable<Text>,
    }
}

diesel::table! {
    point_branch_reviews (assessment_id) {
        assessment_id -> BigInt,
        opinion -> Text,
        proposed_level -> Nullable<Text>,
        reviewed_by -> Text,
        reviewed_at -> Timestamp,
        vote_counted -> Nullable<Integer>,
        vote_excellent -> Nullable<Integer>,
        vote_good -> Nullable<Integer>,
        vote_completed -> Nullable<Integer>,
        vote_not_completed -> Nullable<Integer>,
    }
}

diesel::table! {
    points_decisions (cycle_id) {
        cycle_id -> BigInt,
        outstanding -> Bool,
        decided_by -> Text,
        decided_at -> Timestamp,
    }
}

diesel::table! {
    point_quota_groups (cycle_id, member_id) {
        cycle_id -> BigInt,
        member_id -> BigInt,
        name -> Text,
    }
}

diesel::table! {
    point_assessments (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        member_id -> BigInt,
        period -> Integer,
        frame -> Text,
        status -> Text,
        on_behalf -> Bool,
        self_points -> Text,
        tasks_assigned -> Integer,
        tasks_done -> Integer,
        tasks_on_time -> Integer,
        tasks_exceeded -> Integer,
        shortcomings_prior -> Integer,
        shortcomings_remedied -> Integer,
        narrative -> Text,
        proposed_level -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        appraised_points -> Nullable<Text>,
        facts -> Text,
        mitigated -> Text,
        appraised_level -> Nullable<Text>,
        appraisal_note -> Nullable<Text>,
        appraised_by -> Nullable<Text>,
        appraised_at -> Nullable<Timestamp>,
        decision_reason -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(role_assignments -> users (user_id));
diesel::joinable!(role_assignments -> organizations (organization_id));
diesel::joinable!(service_accounts -> organizations (organization_id));
diesel::joinable!(refresh_tokens -> users (user_id));

diesel::table! {
    members (id) {
        id -> BigInt,
        card_number -> Nullable<Text>,
        full_name -> Text,
        search_key -> Text,
        sort_key -> Text,
        gender -> Text,
        date_of_birth -> Date,
        branch_id -> BigInt,
        cell_id -> Nullable<BigInt>,
        status -> Text,
        admitted_on -> Date,
        official_on -> Nullable<Date>,
        category -> Text,
        exempt -> Bool,
        attached -> Bool,
        home_branch_name -> Nullable<Text>,
        leadership_post -> Nullable<Text>,
        leadership_level -> Nullable<Text>,
        workplace_unit -> Nullable<Text>,
        workplace_post -> Nullable<Text>,
        residence_address -> Nullable<Text>,
        residence_committee_name -> Nullable<Text>,
        residence_committee_contact -> Nullable<Text>,
        residence_committee_address -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        active -> Bool,
        left_on -> Nullable<Date>,
        left_reason -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    member_long_absences (member_id, year) {
        member_id -> BigInt,
        year -> Integer,
    }
}

diesel::table! {
    org_point_reratings (id) {
        id -> BigInt,
        assessment_id -> BigInt,
        previous_level -> Text,
        previous_reasons -> Text,
        previous_points -> Text,
        previous_facts -> Text,
        level -> Text,
        reason -> Text,
        rerated_by -> Text,
        rerated_at -> Timestamp,
    }
}

diesel::table! {
    member_suspensions (id) {
        id -> BigInt,
        member_id -> BigInt,
        issuing_body -> Text,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    disciplines (id) {
        id -> BigInt,
        member_id -> BigInt,
        form -> Text,
        issuing_body -> Text,
        decided_on -> Date,
        term_ends_on -> Nullable<Date>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    member_history (id) {
        id -> BigInt,
        member_id -> BigInt,
        year -> Integer,
        level -> Text,
        organization_name -> Text,
        source -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    review_cycles (id) {
        id -> BigInt,
        organization_id -> BigInt,
        year -> Integer,
        rule_set -> Text,
        rules_json -> Text,
        reference_date -> Date,
        stage -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    cycle_phases (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        position -> Integer,
        code -> Text,
        task -> Text,
        lead -> Text,
        recipient -> Text,
        starts_on -> Date,
        ends_on -> Date,
        stage -> Text,
        closed -> Bool,
        reopened_reason -> Nullable<Text>,
    }
}

diesel::table! {
    self_reviews (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        member_id -> BigInt,
        status -> Text,
        on_behalf -> Bool,
        return_comment -> Nullable<Text>,
        current_version -> Integer,
        submitted_at -> Nullable<Timestamp>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    self_review_versions (id) {
        id -> BigInt,
        self_review_id -> BigInt,
        version -> Integer,
        political_ideology -> Text,
        ethics_lifestyle -> Text,
        duties -> Text,
        organisation_discipline -> Text,
        shortcomings -> Text,
        remedies -> Text,
        suggestion_answers -> Text,
        self_assessed_level -> Nullable<Text>,
        saved_by -> Text,
        saved_at -> Timestamp,
    }
}

diesel::table! {
    professional_ratings (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        member_id -> BigInt,
        level -> Text,
        rating_unit -> Text,
        post -> Text,
        honours -> Text,
        attested_exemplary -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    review_suggestions (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        member_id -> Nullable<BigInt>,
        organization_id -> Nullable<BigInt>,
        subject_path -> Text,
        issuer_role -> Text,
        issued_by -> Text,
        content -> Text,
        due_on -> Date,
        status -> Text,
        explanation -> Nullable<Text>,
        answered_by -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    feedback_requests (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        member_id -> BigInt,
        source -> Text,
        provider_user_id -> Nullable<BigInt>,
        cluster -> Nullable<Text>,
        led_by -> Nullable<Text>,
        delivery -> Nullable<Text>,
        sent_on -> Nullable<Date>,
        due_on -> Nullable<Date>,
        returned_on -> Nullable<Date>,
        content -> Nullable<Text>,
        proposed_level -> Nullable<Text>,
        answered_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        return_envelope -> Bool,
    }
}

diesel::table! {
    consolidated_opinions (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        member_id -> BigInt,
        content -> Text,
        proposed_level -> Nullable<Text>,
        written_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(review_suggestions -> review_cycles (cycle_id));
diesel::joinable!(professional_ratings -> review_cycles (cycle_id));
diesel::joinable!(professional_ratings -> members (member_id));
diesel::joinable!(self_reviews -> review_cycles (cycle_id));
diesel::joinable!(point_assessments -> review_cycles (cycle_id));
diesel::joinable!(point_assessments -> members (member_id));
diesel::joinable!(point_quota_groups -> review_cycles (cycle_id));
diesel::joinable!(points_decisions -> review_cycles (cycle_id));
diesel::joinable!(member_suspensions -> members (member_id));
diesel::joinable!(point_branch_reviews -> point_assessments (assessment_id));
diesel::joinable!(org_point_assessments -> review_cycles (cycle_id));
diesel::joinable!(org_point_reratings -> org_point_assessments (assessment_id));
diesel::joinable!(org_point_assessments -> organizations (organization_id));
diesel::joinable!(point_quota_groups -> members (member_id));
diesel::joinable!(self_reviews -> members (member_id));
diesel::joinable!(self_review_versions -> self_reviews (self_review_id));
diesel::joinable!(review_cycles -> organizations (organization_id));
diesel::joinable!(cycle_phases -> review_cycles (cycle_id));
diesel::joinable!(members -> organizations (branch_id));
diesel::joinable!(disciplines -> members (member_id));
diesel::joinable!(member_history -> members (member_id));
diesel::joinable!(member_long_absences -> members (member_id));

diesel::table! {
    key_cadre_meetings (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        held_on -> Date,
        chaired_by -> Text,
        attendees -> Integer,
        collective_opinion -> Nullable<Text>,
        recorded_by -> Text,
        created_at -> Timestamp,
        kind -> Text,
        attendee_names -> Text,
    }
}

diesel::table! {
    key_cadre_assessments (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        member_id -> BigInt,
        opinion -> Text,
        votes_excellent -> Integer,
        votes_good -> Integer,
        votes_completed -> Integer,
        votes_not_completed -> Integer,
        proposed_level -> Text,
    }
}

diesel::table! {
    party_reports (id) {
        id -> BigInt,
        organization_id -> BigInt,
        year -> Integer,
        kind -> Text,
        title -> Text,
        body -> Text,
        signer_title -> Text,
        signer_name -> Text,
        version -> Integer,
        status -> Text,
        register_seq -> Nullable<Integer>,
        number -> Nullable<Text>,
        dated_on -> Nullable<Date>,
        approved_by -> Nullable<Text>,
        approved_at -> Nullable<Timestamp>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    party_report_versions (report_id, version) {
        report_id -> BigInt,
        version -> Integer,
        title -> Text,
        body -> Text,
        saved_by -> Text,
        saved_at -> Timestamp,
    }
}

diesel::table! {
    document_register (organization_id, doc_type, year) {
        organization_id -> BigInt,
        doc_type -> Text,
        year -> Integer,
        last_number -> Integer,
    }
}

diesel::table! {
    org_recognition_cancellations (id) {
        id -> BigInt,
        organization_id -> BigInt,
        year -> Integer,
        earlier_level -> Text,
        earlier_exemplary -> Bool,
        level -> Text,
        exemplary -> Bool,
        reason -> Text,
        decision_number -> Text,
        decided_on -> Date,
        decided_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    plan_tasks (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        title -> Text,
        assignee -> Text,
        due_on -> Nullable<Date>,
        progress -> Integer,
        note -> Nullable<Text>,
        version -> Integer,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    review_meetings (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        subject -> Text,
        held_at -> Timestamp,
        place -> Text,
        invited -> Text,
        notified_at -> Nullable<Timestamp>,
        notified_by -> Nullable<Text>,
        version -> Integer,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    appraisal_teams (id) {
        id -> BigInt,
        organization_id -> BigInt,
        year -> Integer,
        target_id -> BigInt,
        leader -> Text,
        members -> Text,
        visit_on -> Nullable<Date>,
        findings -> Nullable<Text>,
        conclusion -> Nullable<Text>,
        version -> Integer,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    branch_opinions (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        branch_id -> BigInt,
        opinion -> Text,
        proposed_level -> Nullable<Text>,
        version -> Integer,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    feedback_clusters (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        name -> Text,
        leader -> Text,
        branch_ids -> Text,
        mass_organizations -> Text,
        meeting_on -> Nullable<Date>,
        version -> Integer,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    collective_feedback (id) {
        id -> BigInt,
        cluster_id -> BigInt,
        branch_id -> BigInt,
        source -> Text,
        content -> Text,
        given_on -> Date,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::joinable!(key_cadre_assessments -> key_cadre_meetings (meeting_id));

diesel::table! {
    voting_sessions (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        branch_id -> BigInt,
        kind -> Text,
        mode -> Text,
        status -> Text,
        held_on -> Date,
        outstanding_unit -> Bool,
        opened_by -> Text,
        finalized_by -> Nullable<Text>,
        finalized_at -> Nullable<Timestamp>,
        appraised_by -> Nullable<Text>,
        appraisal_comment -> Nullable<Text>,
        appraised_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        outstanding_decision -> Nullable<Text>,
        outstanding_decided_by -> Nullable<Text>,
        outstanding_decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    session_roll (session_id, member_id) {
        session_id -> BigInt,
        member_id -> BigInt,
        official -> Bool,
        exempt -> Bool,
        attached -> Bool,
        subject -> Bool,
        present -> Bool,
        faults -> Bool,
        leader_unit_rating -> Nullable<Text>,
        leader_party_org_rating -> Nullable<Text>,
    }
}

diesel::table! {
    tally_entries (session_id, member_id, entry_no) {
        session_id -> BigInt,
        member_id -> BigInt,
        entry_no -> Integer,
        entered_by_user_id -> BigInt,
        votes_excellent -> Integer,
        votes_good -> Integer,
        votes_completed -> Integer,
        votes_not_completed -> Integer,
        entered_at -> Timestamp,
    }
}

diesel::table! {
    ballot_participations (session_id, member_id) {
        session_id -> BigInt,
        member_id -> BigInt,
    }
}

diesel::table! {
    ballot_counts (session_id, member_id) {
        session_id -> BigInt,
        member_id -> BigInt,
        votes_excellent -> Integer,
        votes_good -> Integer,
        votes_completed -> Integer,
        votes_not_completed -> Integer,
    }
}

diesel::table! {
    classification_results (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        session_id -> Nullable<BigInt>,
        member_id -> BigInt,
        status -> Text,
        level -> Nullable<Text>,
        cap -> Nullable<Text>,
        reasons -> Text,
        votes_excellent -> Integer,
        votes_good -> Integer,
        votes_completed -> Integer,
        votes_not_completed -> Integer,
        supplementary -> Bool,
        state -> Text,
        cancelled_reason -> Nullable<Text>,
        cancelled_by -> Nullable<Text>,
        cancelled_at -> Nullable<Timestamp>,
        replaces_id -> Nullable<BigInt>,
        created_by -> Text,
        created_at -> Timestamp,
        shortcomings -> Nullable<Text>,
        remedy_by -> Nullable<Date>,
    }
}

diesel::table! {
    tally_minutes (session_id) {
        session_id -> BigInt,
        ballots_issued -> Integer,
        ballots_returned -> Integer,
        ballots_valid -> Integer,
        ballots_invalid -> Integer,
        counting_committee -> Text,
        chaired_by -> Text,
        recorded_by_name -> Text,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meeting_notes (session_id, member_id) {
        session_id -> BigInt,
        member_id -> BigInt,
        opinions -> Nullable<Text>,
        shortcomings -> Nullable<Text>,
        remedy_by -> Nullable<Date>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    attachments (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        org_path -> Text,
        record_kind -> Text,
        record_id -> BigInt,
        title -> Text,
        file_name -> Text,
        media_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        content -> Binary,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    rule_sets (name) {
        name -> Text,
        based_on -> Text,
        rules_json -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    org_point_assessments (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        organization_id -> BigInt,
        status -> Text,
        self_points -> Text,
        tasks_assigned -> Integer,
        tasks_done -> Integer,
        tasks_on_time -> Integer,
        tasks_exceeded -> Integer,
        shortcomings_prior -> Integer,
        shortcomings_remedied -> Integer,
        narrative -> Text,
        proposed_level -> Nullable<Text>,
        submitted_by -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        appraised_points -> Nullable<Text>,
        facts -> Text,
        mitigated -> Text,
        appraisal_note -> Nullable<Text>,
        appraised_by -> Nullable<Text>,
        appraised_at -> Nullable<Timestamp>,
        decided_level -> Nullable<Text>,
        decided_reasons -> Nullable<Text>,
        decision_reason -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        decided_outstanding -> Bool,
    }
}

diesel::table! {
    org_assessments (id) {
        id -> BigInt,
        year -> Integer,
        organization_id -> BigInt,
        cycle_id -> BigInt,
        self_points -> Text,
        self_total -> Integer,
        superior_points -> Nullable<Text>,
        superior_total -> Nullable<Integer>,
        level -> Text,
        exemplary -> Bool,
        unit_rating -> Nullable<Text>,
        status -> Text,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    org_history (organization_id, year) {
        organization_id -> BigInt,
        year -> Integer,
        level -> Text,
        exemplary -> Bool,
        source -> Text,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    emulation_registrations (organization_id, year) {
        organization_id -> BigInt,
        year -> Integer,
        registered_on -> Date,
        registered_by -> Text,
    }
}

diesel::table! {
    reward_nominations (id) {
        id -> BigInt,
        year -> Integer,
        reward -> Text,
        member_id -> Nullable<BigInt>,
        organization_id -> Nullable<BigInt>,
        nominating_organization_id -> BigInt,
        status -> Text,
        note -> Nullable<Text>,
        nominated_by -> Text,
        decided_by -> Nullable<Text>,
        decision_comment -> Nullable<Text>,
        revoked_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    idempotency_keys (subject, idempotency_key) {
        subject -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status -> Integer,
        content_type -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_subscriptions (id) {
        id -> BigInt,
        url -> Text,
        secret -> Text,
        events -> Text,
        organization_id -> BigInt,
        active -> Bool,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox_events (id) {
        id -> BigInt,
        event -> Text,
        organization_path -> Text,
        payload -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> BigInt,
        subscription_id -> BigInt,
        event_id -> BigInt,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        delivered_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dossier_submissions (id) {
        id -> BigInt,
        organization_id -> BigInt,
        year -> Integer,
        number -> Integer,
        status -> Text,
        deadline -> Nullable<Date>,
        late -> Bool,
        submitted_by -> Text,
        submitted_at -> Timestamp,
        archive -> Binary,
        archive_sha256 -> Text,
        manifest -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_comment -> Nullable<Text>,
        kind -> Text,
    }
}

diesel::joinable!(dossier_submissions -> organizations (organization_id));
diesel::joinable!(webhook_deliveries -> outbox_events (event_id));
diesel::joinable!(webhook_subscriptions -> organizations (organization_id));

diesel::allow_tables_to_appear_in_same_query!(
    agenda_mails,
    organizations,
    users,
    role_assignments,
    service_accounts,
    refresh_tokens,
    audit_log,
    members,
    member_long_absences,
    disciplines,
    member_history,
    review_cycles,
    cycle_phases,
    self_reviews,
    self_review_versions,
    professional_ratings,
    review_suggestions,
    feedback_requests,
    consolidated_opinions,
    key_cadre_meetings,
    key_cadre_assessments,
    voting_sessions,
    session_roll,
    tally_entries,
    ballot_participations,
    ballot_counts,
    classification_results,
    rule_sets,
    org_assessments,
    emulation_registrations,
    reward_nominations,
    idempotency_keys,
    webhook_subscriptions,
    outbox_events,
    webhook_deliveries,
    dossier_submissions,
    point_assessments,
    point_quota_groups,
    points_decisions,
    point_branch_reviews,
    member_suspensions,
    org_point_assessments,
    org_point_reratings,
    tally_minutes,
    meeting_notes,
    attachments,
    org_history,
    party_reports,
    party_report_versions,
    document_register,
    org_recognition_cancellations,
    plan_tasks,
    review_meetings,
    appraisal_teams,
    branch_opinions,
    feedback_clusters,
    collective_feedback,
);
