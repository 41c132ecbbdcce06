//! Names stored as text: statuses and states are enums here, written under the exact name the
//! store and the API use, and parsed by the store on reading (`#[diesel(deserialize_as =
//! String)]`), so a name nobody knows is an error where it is read, never a string compared later.

/// Declares a unit enum whose variants are stored under the given names: `ALL` (in the order
/// written), `as_str`, `parse`, `Display`, `Serialize` and `Deserialize` (as the name) and the `TryFrom<String>` the store reads with.
#[macro_export]
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|x| x.as_str() == s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!(concat!("unknown ", $what, " {:?}"), s))
                })
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(s: String) -> Result<Self, Self::Error> {
                $name::parse(&s).ok_or_else(|| format!(concat!("unknown ", $what, " {:?}"), s))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    coded_enum! {
        enum Light ("light") { Red = "red", Green = "green" }
    }

    #[test]
    fn every_name_reads_back_and_an_unknown_one_is_an_error_naming_it() {
        for l in Light::ALL {
            assert_eq!(Light::try_from(l.as_str().to_owned()), Ok(*l));
            assert_eq!(l.to_string(), l.as_str());
        }
        assert_eq!(
            Light::try_from("blue".to_owned()),
            Err("unknown light \"blue\"".to_owned())
        );
    }
}
