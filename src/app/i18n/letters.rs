//! The letter-sales section's texts.

texts! {
    Lt + ;
    section: "Письма", "Letters";
}
