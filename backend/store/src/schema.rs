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
